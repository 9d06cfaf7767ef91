import { z } from 'zod';

/**
 * A human text as data (DESIGN §2 "Messages, not sentences"): the id of one entry of the
 * catalogue (`shared/i18n/<lang>/<domain>.ts`, dotted path, e.g.
 * `diagnosis.finding.firewallReject`) and the values it interpolates. The engine and
 * `shared/` never build sentences; the renderer and the CLI render messages with i18next
 * in the user's language. Params are plain values: text from a server inside them is
 * capped and stripped of control characters by whoever builds the message.
 */
const MessageParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
/** The values a message interpolates (`{{name}}` in the catalogue). */
export type MessageParams = z.infer<typeof MessageParamsSchema>;

/** One message: catalogue id and parameters. */
export const MessageSchema = z.object({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9-]+)+$/),
  params: MessageParamsSchema.optional(),
});
/** One message. */
export type Message = z.infer<typeof MessageSchema>;

/** Builds a message (params left out when empty). */
export function msg(id: string, params?: MessageParams): Message {
  return params && Object.keys(params).length > 0 ? { id, params } : { id };
}

/**
 * Params that nest message `m` into another whose catalogue text has `$t({{KEY}})`: its id
 * as `key` and its own params beside. A message nested in a nested one uses another key,
 * and the params of all levels must not clash.
 */
export function embedMessage(m: Message, key: string): MessageParams {
  return { ...(m.params ?? {}), [key]: m.id };
}
