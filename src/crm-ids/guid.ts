/**
 * Dynamics 365 record ids are GUIDs, written with or without braces and in either case: an export
 * may hold "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}" where the record's URL holds
 * "3f2504e0-4f89-11d3-9a0c-0305e82c3301". The server stores and looks ids up in the bare
 * lower-case form, so that each spelling finds the same account. Any id that is not a GUID is
 * returned as it is.
 */
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

export function toBareGuid(id: string): string {
  const match = GUID.exec(id);
  return match && id.startsWith("{") === id.endsWith("}") ? match[1]!.toLowerCase() : id;
}
