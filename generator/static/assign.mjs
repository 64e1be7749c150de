export function initAssign() {}
