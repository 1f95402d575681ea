/**
 * Which arguments of tracker calls carry data about the visitor (contract 4): the identify
 * traits, Meta advanced matching, event properties… per vendor id of `vendors.json`, kept in
 * `tracker-data-params.json` beside it so the vendor catalogue can grow independently.
 */
import { activeCatalogues } from './catalogues';

/**
 * `traits`: an object describing the person (every key is about them); `user-id`: the person's id;
 * `properties`: event properties (keys classified by name); `advanced-matching`: matching keys
 * (every key is personal data); `none`: carries no user data (a pixel id).
 */
export type DataParamRole = 'traits' | 'user-id' | 'properties' | 'advanced-matching' | 'none';

/** One call shape of a vendor and the roles of its arguments. */
export interface DataParamCall {
  /** Callee path after its root (`identify`, `people.set`); omitted = any. */
  method?: string;
  /** First string argument (or head of an array command) the call must have (`init` of `fbq('init', …)`). */
  firstArg?: string;
  args: { index: number; role: DataParamRole }[];
}

/** A vendor's data parameters. */
export interface VendorDataParams {
  source: string;
  calls: DataParamCall[];
  /** The vendor's short parameter names → personal-data kinds (`em` → `email`). */
  keys?: Record<string, string>;
  /** An advertising platform: a bare user id sent here is reported too (DESIGN Decisions). */
  adPlatform?: boolean;
}

function vendors(): Record<string, VendorDataParams> {
  return (activeCatalogues().trackerDataParams as unknown as { vendors: Record<string, VendorDataParams> }).vendors;
}

/** The data parameters of a vendor, if catalogued (with `knowledge.trackerDataParams`). */
export function trackerDataParams(vendorId: string): VendorDataParams | undefined {
  const all = vendors();
  return Object.hasOwn(all, vendorId) ? all[vendorId] : undefined;
}

/** Every catalogued vendor id (for the catalogue test). */
export function trackerDataParamVendors(): string[] {
  return Object.keys(vendors());
}
