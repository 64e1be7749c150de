// Where this site keeps what a leader stores: the root of the default language's site, from
// this folder (<site>/assets/assessments/). The site of another language lives one folder
// down (<site>/es/) and is built with "../../../" here, so switching language mid-quiz keeps
// every answer. Written at build time; this is the default language's value.
export const SHARED_ROOT = "../../";
