// Text shown to people, cut by code point: a length in UTF-16 units (as the server counts) that never
// splits a surrogate pair, which would leave a lone half the server refuses and screens draw as garbage.

/** `text` cut to at most `max` UTF-16 code units, one whole code point short rather than half of one. */
export function truncate(text, max) {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

/** The first character of `text` (a whole code point), upper-cased, or '' when there is none. */
export function initial(text) {
  const first = String(text ?? '').trim().codePointAt(0);
  return first === undefined ? '' : String.fromCodePoint(first).toUpperCase();
}
