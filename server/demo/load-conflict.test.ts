/**
 * Loading the demo into a database that already holds one of its organisations: the load fails,
 * and leaves nothing of the demo behind, so that a later `demo load` does not take a half-loaded
 * demo for a loaded one, nor an organisation of its own that shares a slug with the demo's.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createOrg } from "../admin/organisations";
import { type Database, rows } from "../db/client";
import { type OwnDatabase, ownDatabase } from "../testing/database";
import { isDemoLoaded, loadDemoData } from "./load";

// The demo's slugs are fixed, and the run's shared database may hold the demo already: this test
// needs a database of its own.
let own: OwnDatabase;
let database: Database;

beforeAll(async () => {
  own = await ownDatabase("demo_conflict");
  database = await own.open();
}, 60_000);
afterAll(async () => {
  await database?.close();
  await own?.dispose();
});

it("fails on a taken slug without leaving part of the demo behind", async () => {
  await createOrg(database.db, { slug: "bluefin", name: "Bluefin (not the demo's)" });
  await expect(loadDemoData(database.db)).rejects.toThrow('slug "bluefin" already exists');
  expect(await isDemoLoaded(database.db)).toBe(false);
  const left = await rows<{ orgs: number; accounts: number; users: number }>(
    database.db,
    sql`select (select count(*)::int from orgs) as orgs, (select count(*)::int from accounts) as accounts,
          (select count(*)::int from users) as users`,
  );
  expect(left).toEqual([{ orgs: 1, accounts: 0, users: 0 }]);
}, 60_000);

it("does not take an organisation of the admin's own called northwind for the loaded demo", async () => {
  // As the README's CLI example does before `demo load`.
  await createOrg(database.db, { slug: "northwind", name: "Northwind Analytics" });
  expect(await isDemoLoaded(database.db)).toBe(false);
  await expect(loadDemoData(database.db)).rejects.toThrow('slug "northwind" already exists');
}, 60_000);
