// Text made safe inside the HTML of a chart tooltip (run names are the user's).
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
