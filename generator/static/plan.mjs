export function initPlan() {}
