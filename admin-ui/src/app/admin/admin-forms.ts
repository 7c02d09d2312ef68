// Reading the administration's form fields: what the server would refuse is said here,
// next to the field, before a request is sent.

/** Property ids from a comma (or 、/whitespace) separated list, without blanks or repeats. */
export function propertyList(text: string): string[] {
  return [...new Set(text.split(/[,，、\s]+/).map((s) => s.trim()).filter((s) => s !== ''))];
}

export type UnitsParse = { units: { id: string; name: string }[] } | { badLine: number };

/** Units from lines of "id name" (the name may hold spaces); blank lines skipped. */
export function parseUnits(text: string): UnitsParse {
  const units: { id: string; name: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const match = /^(\S+)\s+(.+)$/.exec(line);
    if (!match || match[1]!.length > 200 || match[2]!.length > 200) return { badLine: i + 1 };
    units.push({ id: match[1]!, name: match[2]!.trim() });
  }
  return { units };
}

export function unitsText(units: readonly { id: string; name: string }[]): string {
  return units.map((u) => `${u.id} ${u.name}`).join('\n');
}

/** A whole number of households, 0 or more, or undefined when the text is not one. */
export function households(text: string): number | undefined {
  if (!/^\d{1,9}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
