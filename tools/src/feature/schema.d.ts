/** Options of `nx g @cx/tools:feature` (schema.json). */
export interface FeatureSchema {
  /** The service that gets the feature: crm, complaints, aftersales, surveys or training. */
  service: string;
  /** The feature's name in kebab case, singular: `customer`, `loyalty-tier`. */
  name: string;
}
