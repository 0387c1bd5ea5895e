/** The pinned OCSF schema: the version records are validated against and the source it was compiled from. */
export const ocsfVersion = '1.9.0-dev';

/** The ocsf/ocsf-schema commit the generated artefact was compiled from. */
export const ocsfSourceCommit = 'a5cfc68e3ca6';
