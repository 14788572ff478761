// Library entry point.
export { ENTITY_NAMES, type EntityName } from "./entities/names.js";
