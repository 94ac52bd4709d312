import { describe } from "vitest";
import { type CrmUnderTest, offlineScenario, sidebarScenarios, useSignedInStack } from "./crm-sidebar";

const DYNAMICS: CrmUnderTest = {
  crm: "dynamics",
  host: "acme.crm.dynamics.com",
  accountPath: (id) =>
    `/main.aspx?appid=1b2c3d4e-0000-4000-8000-00000000a11a&pagetype=entityrecord&etn=account&id=${id}`,
  singlePageApp: true,
  linkAwayFromAccounts: "Contacts",
  hostileAccountId: "0badc0de-0000-4000-8000-000000000666",
};

describe("sidebar on Dynamics 365", () => {
  const stack = useSignedInStack(DYNAMICS);
  sidebarScenarios(DYNAMICS, stack);
  offlineScenario(DYNAMICS, stack);
});
