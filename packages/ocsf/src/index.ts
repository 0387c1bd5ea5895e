export { ocsfVersion, ocsfSourceCommit } from './version.ts';
export {
  listClasses,
  getClass,
  requireClass,
  listObjects,
  getObject,
  listProfiles,
  listCategories,
  listTypes,
} from './catalog.ts';
export { validateRecord, type ValidateRecordOptions } from './validate-record.ts';
export type {
  OcsfErrorCode,
  OcsfWarningCode,
  OcsfIssue,
  OcsfValidationError,
  OcsfValidationWarning,
  OcsfValidationResult,
} from './validate/issues.ts';
export type {
  OcsfAttribute,
  OcsfCategory,
  OcsfClass,
  OcsfConstraints,
  OcsfDeprecation,
  OcsfEnumValue,
  OcsfObject,
  OcsfProfile,
  OcsfRequirement,
  OcsfSchema,
  OcsfType,
} from './schema-types.ts';
