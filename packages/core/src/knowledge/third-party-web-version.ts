/**
 * The version of the third-party-web dataset pinned in package-lock.json. A module of its own so
 * that `creepyline --version` prints it without loading the dataset or the analyser.
 */
import datasetPackage from 'third-party-web/package.json';

export const THIRD_PARTY_WEB_VERSION: string = datasetPackage.version;
