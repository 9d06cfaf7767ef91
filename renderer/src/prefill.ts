import { parseHostPort, type Target } from '../../shared/target';

/**
 * What to prefill the form with: `?target=HOST:PORT[&ssh=DEST]` in the page URL (first
 * launch of the desktop app with `--target`, and browser mode's `ui --target`) or the
 * `app.target` event (a second launch). `seq` changes on every hand-off, so the same
 * target handed over twice still refills the form. Prefilling never starts anything.
 */
export interface Prefill {
  target: Target;
  ssh: string | null;
  seq: number;
}

/** Reads the prefill from a URL query string; null without a valid `target`. */
export function prefillFromQuery(search: string): Prefill | null {
  const q = new URLSearchParams(search);
  const raw = q.get('target');
  if (raw === null) return null;
  const parsed = parseHostPort(raw);
  if (!parsed.ok) return null;
  const ssh = q.get('ssh');
  return {
    target: parsed.value,
    ssh: ssh !== null && ssh.trim() !== '' && ssh.length <= 300 ? ssh.trim() : null,
    seq: 0,
  };
}
