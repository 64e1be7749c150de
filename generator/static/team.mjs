export function initTeam() {}
