const pad = (n: number): string => String(n).padStart(2, '0');

/** "2027-03-02 10:02" in the machine's time zone: when something was exported or changed, as a person reads it. */
export function localMinute(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
