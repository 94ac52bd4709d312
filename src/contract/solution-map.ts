import * as z from "zod";
import { VendorSolutionMap } from "../scoring/schemas";

/** What an admin sends to describe their own product; it replaces the whole map. */
export const SolutionMapInput = VendorSolutionMap;
export type SolutionMapInput = VendorSolutionMap;

export const SolutionMap = VendorSolutionMap.extend({
  updatedAt: z.string().datetime({ offset: true }),
}).meta({ id: "SolutionMap" });
export type SolutionMap = z.infer<typeof SolutionMap>;
