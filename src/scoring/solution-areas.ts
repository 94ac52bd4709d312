import * as z from "zod";

/** What a partner (or the vendor's own product) can do for a customer, as a stable slug. */
export const SolutionArea = z
  .enum([
    "implementation_services",
    "data_platform",
    "integration",
    "managed_services",
    "security",
    "analytics",
    "crm",
    "training",
    "licensing_resale",
  ])
  .meta({ id: "SolutionArea" });
export type SolutionArea = z.infer<typeof SolutionArea>;

export interface SolutionAreaInfo {
  /** Short name for chips and filters. */
  label: string;
  /** What the partner does, phrased so a sentence about the partner can start with it. */
  verbPhrase: string;
}

export const SOLUTION_AREAS: Readonly<Record<SolutionArea, SolutionAreaInfo>> = {
  implementation_services: {
    label: "Implementation services",
    verbPhrase: "Implements and configures the rollout",
  },
  data_platform: { label: "Data platform", verbPhrase: "Runs the data platform" },
  integration: { label: "Integration", verbPhrase: "Connects it to the customer's other systems" },
  managed_services: { label: "Managed services", verbPhrase: "Runs it day to day as a managed service" },
  security: { label: "Security", verbPhrase: "Secures the deployment" },
  analytics: { label: "Analytics", verbPhrase: "Builds the dashboards and reports" },
  crm: { label: "CRM", verbPhrase: "Provides the CRM" },
  training: { label: "Training", verbPhrase: "Trains the customer's users" },
  licensing_resale: { label: "Licence resale", verbPhrase: "Resells software licences" },
};

/** Distinct areas in catalogue order, so every sentence built from them reads the same for the same input. */
export function inCatalogueOrder(areas: readonly SolutionArea[]): SolutionArea[] {
  const present = new Set(areas);
  return SolutionArea.options.filter((area) => present.has(area));
}
