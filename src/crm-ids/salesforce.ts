const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const FIFTEEN_CHAR_ID = /^[a-zA-Z0-9]{15}$/;

/**
 * Salesforce reports export the 15-character, case-sensitive record id, while Lightning URLs and the API
 * use the 18-character case-safe form. Storing the 18-character form lets an imported account be found
 * from either. Each suffix character encodes which of five id characters are upper case (bit i = char i).
 */
export function toCaseSafeSalesforceId(id: string): string {
  if (!FIFTEEN_CHAR_ID.test(id)) return id;
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id[chunk * 5 + i]!;
      if (char >= "A" && char <= "Z") bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id + suffix;
}

/**
 * The same Salesforce record's id in its other form: the 18-character id of a 15-character one, the
 * 15-character id of an 18-character one whose suffix is right. Null for an id that is neither.
 * Accounts loaded through the API or a custom column mapping keep the form they came in, which the
 * URL a rep opens may not carry.
 */
export function otherSalesforceIdForm(id: string): string | null {
  if (FIFTEEN_CHAR_ID.test(id)) return toCaseSafeSalesforceId(id);
  const fifteen = id.slice(0, 15);
  return id.length === 18 && FIFTEEN_CHAR_ID.test(fifteen) && toCaseSafeSalesforceId(fifteen) === id
    ? fifteen
    : null;
}
