/** Configuration: loading, validation, the published schema and the starter template. */
export { loadConfig, CONFIG_FILE_NAMES, VSCODE_SETTINGS_FILE, SETTINGS_KEYS, EDITOR_SETTINGS_SOURCE } from './load';
export type { LoadConfigOptions, LoadConfigResult } from './load';
export { DEFAULT_IGNORE, LayeredConfigSet, defaultResolvedConfig, normaliseConsentDecl } from './resolve';
export type { ConfigSet, ConfigRule, ConfigLayer } from './resolve';
export { buildConfigSchema, writeConfigSchema, CONFIG_SCHEMA_PATH } from './schema';
export type { SchemaRule } from './schema';
export { defaultConfigTemplate, SCHEMA_REFERENCE, TEMPLATE_IGNORE } from './template';
export type { TemplateDetections } from './template';
export { closestMatch, editDistance, unknownRuleMessage } from './suggest';
