import { z } from 'zod';
import { msg, MessageSchema, type Message } from './i18n/message';
import { isIPv4, isIPv6, isValidInterface, isValidUnit } from './target';
import {
  dropInEnvText,
  dropInText,
  isDropInPathOf,
  newFileDiff,
  plainArgv,
  plainEnvironment,
} from './unit-dropin';

/**
 * Fix plans (DESIGN §2 "Fix plans, not argv from the UI"): a fix is a typed plan with
 * validated parameters, proposed from the evidence. Its argv, undo and the probe that
 * re-proves the cause is gone are rendered from the plan here, the same for display and
 * for applying; the engine (`electron/engine/fixes/`) applies a plan only by its id, after
 * proposing it again from its own evidence. Commands never include sudo: `privileged`
 * means the executor elevates.
 */

/** Every kind of fix plan. */
export const PLAN_KINDS = [
  'service.start',
  'service.enable',
  'service.restart',
  'firewall.delete-rule',
  'firewall.insert-accept',
  'ufw.delete',
  'ufw.allow',
  'firewalld.add-port',
  'fail2ban.unban',
  'link.up',
  'address.add',
  'config.edit',
  'unit.drop-in',
] as const;
/** One kind of fix plan. */
export type PlanKind = (typeof PLAN_KINDS)[number];

/** A plan id: its kind, suffixed `-2`, `-3`… for repeats of a kind in one proposal. */
export const PLAN_ID_RE = new RegExp(
  `^(?:${PLAN_KINDS.map((k) => k.replace('.', '\\.')).join('|')})(?:-[2-9]|-[1-9][0-9])?$`,
);
/** A plan id, validated. */
export const PlanIdSchema = z.string().max(64).regex(PLAN_ID_RE, 'not a fix plan id');

const Unit = z.string().refine(isValidUnit, 'not a valid service name');
const Iface = z.string().refine(isValidInterface, 'not a valid interface name');
const Port = z.number().int().min(1).max(65535);
const Address = z.string().refine((s) => isIPv4(s) || isIPv6(s), 'not an IP address');
/** A table, chain or set name as iptables and nft print them. */
const Name = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'not a table or chain name');
/** True when a text has a control character (C0 or DEL). */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** One word of a rule's match (no control characters, bounded). */
const RuleWord = z
  .string()
  .min(1)
  .max(256)
  .refine((s) => !hasControl(s), 'control character in a rule');
const RuleWords = z.array(RuleWord).min(1).max(64);

const IptablesRuleSchema = z.object({
  layer: z.literal('iptables'),
  ipv6: z.boolean(),
  table: Name,
  chain: Name,
  /** 1-based position in the chain. */
  position: z.number().int().min(1).max(100_000),
  /** The rule's match and target as `iptables -S` prints them after `-A CHAIN`. */
  spec: RuleWords,
});

/** Where the blocking rule is, in the kernel layer that holds it. */
const RuleLocationSchema = z.discriminatedUnion('layer', [
  IptablesRuleSchema,
  z.object({
    layer: z.literal('nftables'),
    family: z.enum(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']),
    table: Name,
    chain: Name,
    handle: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31),
    /** 1-based position in the chain. */
    position: z.number().int().min(1).max(100_000),
    /** The rule's body (without `# handle N`). */
    body: RuleWords,
  }),
]);
/** Where a blocking rule is. */
export type RuleLocation = z.infer<typeof RuleLocationSchema>;

/** Programs whose listen address ConnDoctor edits in their configuration file. */
export const CONFIG_PROGRAMS = [
  'nginx',
  'redis',
  'sshd',
  'postgresql',
  'mariadb',
  'apache',
] as const;
/** A program whose configuration ConnDoctor edits. */
export type ConfigProgram = (typeof CONFIG_PROGRAMS)[number];

/** An absolute path without control characters. */
const ConfigPath = z
  .string()
  .max(4096)
  .refine((p) => p.startsWith('/') && !hasControl(p), 'not an absolute path');

/** What a config edit of each program risks (message ids). */
const CONFIG_RISK: Record<ConfigProgram, string> = {
  nginx: 'fix.risk.configEdit',
  redis: 'fix.risk.configEditRedis',
  sshd: 'fix.risk.configEditSshd',
  postgresql: 'fix.risk.configEditPostgresql',
  mariadb: 'fix.risk.configEditMariadb',
  apache: 'fix.risk.configEdit',
};

/** What a drop-in for each program risks beyond the general (message ids). */
const DROP_IN_RISK: Partial<Record<ConfigProgram, string>> = {
  redis: 'fix.risk.unitDropInRedis',
  mariadb: 'fix.risk.unitDropInMariadb',
};

/** Where the original of an edited file is kept (its SHA-256 names it: one per original). */
export const CONFIG_BACKUP_DIR = '/var/backups/conndoctor';

/** The backup of `path` whose original content has this SHA-256. */
export function configBackupPath(path: string, sha256: string): string {
  return `${CONFIG_BACKUP_DIR}/${path.slice(1).replaceAll('/', '_')}.${sha256.slice(0, 12)}.orig`;
}

const ServiceManager = z.enum(['systemd', 'sysv', 'runit', 'supervisor']);

/** A fix plan: one kind with its validated parameters. */
export const FixPlanSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service.start'), manager: ServiceManager, unit: Unit }),
  z.object({ kind: z.literal('service.enable'), manager: z.literal('systemd'), unit: Unit }),
  z.object({ kind: z.literal('service.restart'), manager: ServiceManager, unit: Unit }),
  z.object({ kind: z.literal('firewall.delete-rule'), rule: RuleLocationSchema }),
  // An accept before an iptables rule (nft rules are deleted by handle instead).
  z.object({ kind: z.literal('firewall.insert-accept'), rule: IptablesRuleSchema, port: Port }),
  z.object({
    kind: z.literal('ufw.delete'),
    action: z.enum(['deny', 'reject', 'limit']),
    to: z.string().regex(/^[0-9a-z:/,.-]{1,64}$/i, 'not a ufw port spec'),
    /** The rule as `ufw status` shows it, without its number. */
    text: z.string().max(512),
    /**
     * Behind ufw's default deny, deleting the rule leaves the port closed: the rule is
     * replaced by an allow of the same match (ufw skips an allow that only differs in action).
     */
    allowAfter: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('ufw.allow'), port: Port }),
  z.object({ kind: z.literal('firewalld.add-port'), port: Port, permanent: z.boolean() }),
  z.object({ kind: z.literal('fail2ban.unban'), jail: Unit, address: Address }),
  z.object({ kind: z.literal('link.up'), iface: Iface }),
  z.object({ kind: z.literal('address.add'), iface: Iface, address: Address }),
  z.object({
    kind: z.literal('config.edit'),
    /** The program whose configuration it is (what the risk says, how it is checked). */
    program: z.enum(CONFIG_PROGRAMS),
    path: ConfigPath,
    /** SHA-256 of the file as it was read: the edit is refused if it changed since. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The change as a unified diff: exactly what is written. */
    diff: z.string().max(64 * 1024),
    /** The program's own check of the edited configuration (`nginx -t`), if it has one. */
    check: RuleWords.max(12).nullable(),
    /**
     * What the check must read back for the edit to count (a later setting would win):
     * PostgreSQL's `postgres -C listen_addresses` prints `*`; MariaDB's `my_print_defaults
     * --mysqld` prints `--bind-address=0.0.0.0` last of its `--bind-address` lines.
     */
    expect: z
      .string()
      .max(256)
      .refine((s) => !hasControl(s))
      .nullable()
      .optional(),
    /** The systemd unit restarted after the edit (a reload does not move a listener). */
    restart: Unit,
    /** Moving the service (wrong-port, an alternative): the edit sets port `to` instead of `from`. */
    move: z.object({ from: Port, to: Port }).optional(),
  }),
  z
    .object({
      kind: z.literal('unit.drop-in'),
      /** The program the unit runs (what the risk says). */
      program: z.enum(CONFIG_PROGRAMS),
      /** The unit whose `ExecStart` the drop-in replaces (restarted after it). */
      unit: Unit,
      /** The new drop-in: `/etc/systemd/system/UNIT.d/conndoctor-listen.conf`. */
      path: ConfigPath,
      /** The command line the drop-in sets: systemd must read exactly this back. */
      execStart: z.array(RuleWord).min(1).max(128).optional(),
      /**
       * Or the variable that carries the options (`MYSQLD_OPTS`), set again with the address
       * changed: systemd must read exactly this value back as the variable's last one.
       */
      environment: z.object({ name: z.string(), value: z.string() }).optional(),
      /** The new file as a unified diff against /dev/null: exactly what is written. */
      diff: z.string().max(64 * 1024),
    })
    .refine((p) => isDropInPathOf(p.path, p.unit), 'not a ConnDoctor drop-in of the unit')
    .refine(
      (p) => (p.execStart === undefined) !== (p.environment === undefined),
      'a drop-in sets either ExecStart or a variable',
    )
    .refine(
      (p) => p.execStart === undefined || plainArgv(p.execStart),
      'a command-line word ExecStart= cannot hold',
    )
    .refine(
      (p) =>
        p.environment === undefined || plainEnvironment(p.environment.name, p.environment.value),
      'a variable Environment= cannot hold as it is',
    )
    .refine((p) => p.diff === newFileDiff(p.path, dropInTextOf(p)), 'the diff is not the drop-in'),
]);
/** The text a drop-in plan writes (the lines its diff adds). */
export function dropInTextOf(p: {
  execStart?: readonly string[] | undefined;
  environment?: { name: string; value: string } | undefined;
}): string {
  return p.environment
    ? dropInEnvText(p.environment.name, p.environment.value)
    : dropInText(p.execStart ?? []);
}

/** A fix plan. */
export type FixPlan = z.infer<typeof FixPlanSchema>;

/** What a plan looks like rendered: exact argv, undo, what it risks, how it is re-proven. */
export const FixSchema = z.object({
  /** The plan id (`fix.apply { planId }`). */
  id: PlanIdSchema,
  kind: z.enum(PLAN_KINDS),
  plan: FixPlanSchema,
  description: z.string(),
  /** `description` as a message, for rendering in the user's language. */
  message: MessageSchema.optional(),
  commands: z.array(z.array(z.string())),
  privileged: z.boolean(),
  persistent: z.boolean(),
  undo: z.array(z.array(z.string())),
  diff: z.string().nullable(),
  /** What could go wrong (English), and as a message. */
  risk: z.string(),
  riskMessage: MessageSchema.optional(),
  /** The probe that proved the cause and must now pass (besides connecting again). */
  verify: z.enum(['connect', 'service', 'firewall', 'interfaces', 'listeners']),
});
/** A rendered fix plan. */
export type Fix = z.infer<typeof FixSchema>;

interface Rendered {
  message: Message;
  commands: string[][];
  undo: string[][];
  persistent: boolean;
  risk: Message;
  verify: Fix['verify'];
}

function serviceArgv(
  manager: z.infer<typeof ServiceManager>,
  unit: string,
  verb: 'start' | 'stop' | 'restart',
): string[] {
  switch (manager) {
    case 'systemd':
      return ['systemctl', verb, unit];
    case 'sysv':
      return ['service', unit, verb];
    case 'runit':
      return ['sv', verb === 'start' ? 'up' : verb === 'stop' ? 'down' : 'restart', unit];
    case 'supervisor':
      return ['supervisorctl', verb, unit];
  }
}

/** The argv that deletes (or re-inserts, for the undo) a rule at its place. */
function ruleArgv(r: RuleLocation, op: 'delete' | 'reinsert'): string[] {
  if (r.layer === 'iptables') {
    const bin = r.ipv6 ? 'ip6tables' : 'iptables';
    return op === 'delete'
      ? [bin, '-t', r.table, '-D', r.chain, ...r.spec]
      : [bin, '-t', r.table, '-I', r.chain, String(r.position), ...r.spec];
  }
  return op === 'delete'
    ? ['nft', 'delete', 'rule', r.family, r.table, r.chain, 'handle', String(r.handle)]
    : r.position <= 1
      ? ['nft', 'insert', 'rule', r.family, r.table, r.chain, ...r.body]
      : // After the rule now at its position - 1 (nft indexes count from 0).
        [
          'nft',
          'add',
          'rule',
          r.family,
          r.table,
          r.chain,
          'index',
          String(r.position - 2),
          ...r.body,
        ];
}

function ruleName(r: RuleLocation): string {
  return r.layer === 'iptables'
    ? `${r.table}/${r.chain} #${r.position}`
    : `${r.family} ${r.table} ${r.chain} #${r.position}`;
}

const NOT_PERSISTENT = msg('fix.risk.notPersistent');

function render(plan: FixPlan): Rendered {
  switch (plan.kind) {
    case 'service.start':
      return {
        message: msg('fix.plan.serviceStart', { unit: plan.unit }),
        commands: [serviceArgv(plan.manager, plan.unit, 'start')],
        undo: [serviceArgv(plan.manager, plan.unit, 'stop')],
        persistent: false,
        risk: msg('fix.risk.serviceStart', { unit: plan.unit }),
        verify: 'service',
      };
    case 'service.restart':
      return {
        message: msg('fix.plan.serviceRestart', { unit: plan.unit }),
        commands: [serviceArgv(plan.manager, plan.unit, 'restart')],
        undo: [],
        persistent: false,
        risk: msg('fix.risk.serviceRestart', { unit: plan.unit }),
        verify: 'service',
      };
    case 'service.enable':
      return {
        message: msg('fix.plan.serviceEnable', { unit: plan.unit }),
        commands: [['systemctl', 'enable', '--now', plan.unit]],
        undo: [['systemctl', 'disable', '--now', plan.unit]],
        persistent: true,
        risk: msg('fix.risk.serviceStart', { unit: plan.unit }),
        verify: 'service',
      };
    case 'firewall.delete-rule':
      return {
        message: msg('fix.plan.deleteRule', { rule: ruleName(plan.rule) }),
        commands: [ruleArgv(plan.rule, 'delete')],
        undo: [ruleArgv(plan.rule, 'reinsert')],
        persistent: false,
        risk: msg('fix.risk.deleteRule'),
        verify: 'firewall',
      };
    case 'firewall.insert-accept': {
      const r = plan.rule;
      const bin = r.ipv6 ? 'ip6tables' : 'iptables';
      const accept = ['-p', 'tcp', '--dport', String(plan.port), '-j', 'ACCEPT'];
      return {
        message: msg('fix.plan.insertAccept', { port: plan.port, rule: ruleName(r) }),
        commands: [[bin, '-t', r.table, '-I', r.chain, String(r.position), ...accept]],
        undo: [[bin, '-t', r.table, '-D', r.chain, ...accept]],
        persistent: false,
        risk: msg('fix.risk.insertAccept', { port: plan.port }),
        verify: 'firewall',
      };
    }
    case 'ufw.delete':
      if (plan.allowAfter) {
        return {
          message: msg('fix.plan.ufwReplace', {
            rule: plan.text,
            to: plan.to,
          }),
          commands: [
            ['ufw', 'delete', plan.action, plan.to],
            ['ufw', 'allow', plan.to],
          ],
          undo: [
            ['ufw', 'delete', 'allow', plan.to],
            ['ufw', plan.action, plan.to],
          ],
          persistent: true,
          risk: msg('fix.risk.deleteRule'),
          verify: 'firewall',
        };
      }
      return {
        message: msg('fix.plan.ufwDelete', {
          rule: plan.text,
        }),
        commands: [['ufw', 'delete', plan.action, plan.to]],
        undo: [['ufw', plan.action, plan.to]],
        persistent: true,
        risk: msg('fix.risk.deleteRule'),
        verify: 'firewall',
      };
    case 'ufw.allow':
      return {
        message: msg('fix.plan.ufwAllow', { port: plan.port }),
        commands: [['ufw', 'insert', '1', 'allow', `${plan.port}/tcp`]],
        undo: [['ufw', 'delete', 'allow', `${plan.port}/tcp`]],
        persistent: true,
        risk: msg('fix.risk.insertAccept', { port: plan.port }),
        verify: 'firewall',
      };
    case 'firewalld.add-port': {
      const spec = `${plan.port}/tcp`;
      return plan.permanent
        ? {
            message: msg('fix.plan.firewalldAddPortPermanent', { port: plan.port }),
            commands: [
              ['firewall-cmd', '--permanent', `--add-port=${spec}`],
              ['firewall-cmd', '--reload'],
            ],
            undo: [
              ['firewall-cmd', '--permanent', `--remove-port=${spec}`],
              ['firewall-cmd', '--reload'],
            ],
            persistent: true,
            risk: msg('fix.risk.insertAccept', { port: plan.port }),
            verify: 'firewall',
          }
        : {
            message: msg('fix.plan.firewalldAddPort', { port: plan.port }),
            commands: [['firewall-cmd', `--add-port=${spec}`]],
            undo: [['firewall-cmd', `--remove-port=${spec}`]],
            persistent: false,
            risk: msg('fix.risk.insertAccept', { port: plan.port }),
            verify: 'firewall',
          };
    }
    case 'fail2ban.unban':
      return {
        message: msg('fix.plan.fail2banUnban', { address: plan.address, jail: plan.jail }),
        commands: [['fail2ban-client', 'set', plan.jail, 'unbanip', plan.address]],
        undo: [['fail2ban-client', 'set', plan.jail, 'banip', plan.address]],
        persistent: false,
        risk: msg('fix.risk.unban', { address: plan.address }),
        verify: 'firewall',
      };
    case 'link.up':
      return {
        message: msg('fix.plan.linkUp', { iface: plan.iface }),
        commands: [['ip', 'link', 'set', plan.iface, 'up']],
        undo: [['ip', 'link', 'set', plan.iface, 'down']],
        persistent: false,
        risk: NOT_PERSISTENT,
        verify: 'interfaces',
      };
    case 'address.add': {
      const cidr = `${plan.address}/${isIPv6(plan.address) ? 128 : 32}`;
      return {
        message: msg('fix.plan.addressAdd', { address: plan.address, iface: plan.iface }),
        commands: [['ip', 'addr', 'add', cidr, 'dev', plan.iface]],
        undo: [['ip', 'addr', 'del', cidr, 'dev', plan.iface]],
        persistent: false,
        risk: NOT_PERSISTENT,
        verify: 'interfaces',
      };
    }
    case 'config.edit': {
      const backup = configBackupPath(plan.path, plan.sha256);
      const restart = ['systemctl', 'restart', plan.restart];
      return {
        message: plan.move
          ? msg('fix.plan.configMove', { path: plan.path, unit: plan.restart, ...plan.move })
          : msg('fix.plan.configEdit', { path: plan.path, unit: plan.restart }),
        // What the engine runs, in order: the edited text (the diff applied to the file as
        // read again) goes to `tee` on stdin.
        commands: [
          ['mkdir', '-p', '-m', '0700', CONFIG_BACKUP_DIR],
          ['cp', '-p', '--', plan.path, backup],
          ['tee', '--', plan.path],
          ...(plan.check ? [plan.check] : []),
          restart,
        ],
        undo: [['cp', '--', backup, plan.path], restart],
        persistent: true,
        risk: plan.move
          ? msg('fix.risk.configMove', { path: plan.path, unit: plan.restart, ...plan.move })
          : msg(CONFIG_RISK[plan.program], { path: plan.path, unit: plan.restart }),
        verify: 'listeners',
      };
    }
    case 'unit.drop-in': {
      const dir = plan.path.slice(0, plan.path.lastIndexOf('/'));
      const restart = ['systemctl', 'restart', plan.unit];
      const reload = ['systemctl', 'daemon-reload'];
      return {
        message: plan.environment
          ? msg('fix.plan.unitDropInEnv', {
              path: plan.path,
              unit: plan.unit,
              name: plan.environment.name,
            })
          : msg('fix.plan.unitDropIn', { path: plan.path, unit: plan.unit }),
        // The drop-in's text (the diff's added lines) goes to `tee` on stdin.
        commands: [['mkdir', '-p', '--', dir], ['tee', '--', plan.path], reload, restart],
        undo: [
          ['rm', '-f', '--', plan.path],
          ['rmdir', '--ignore-fail-on-non-empty', '--', dir],
          reload,
          restart,
        ],
        persistent: true,
        risk: msg(DROP_IN_RISK[plan.program] ?? 'fix.risk.unitDropIn', {
          path: plan.path,
          unit: plan.unit,
        }),
        verify: 'listeners',
      };
    }
  }
}

/**
 * Renders plans as the fixes a diagnosis shows, with their ids: the kind, suffixed `-2`,
 * `-3`… for repeats, so the same evidence gives the same ids from run to run.
 * `english` renders the messages into the English `description` and `risk`.
 */
export function renderPlans(plans: readonly FixPlan[], english: (m: Message) => string): Fix[] {
  const seen = new Map<string, number>();
  return plans.map((p) => {
    const plan = FixPlanSchema.parse(p);
    const n = (seen.get(plan.kind) ?? 0) + 1;
    seen.set(plan.kind, n);
    const r = render(plan);
    return {
      id: n === 1 ? plan.kind : `${plan.kind}-${n}`,
      kind: plan.kind,
      plan,
      description: english(r.message),
      message: r.message,
      commands: r.commands,
      privileged: true,
      persistent: r.persistent,
      undo: r.undo,
      diff: plan.kind === 'config.edit' || plan.kind === 'unit.drop-in' ? plan.diff : null,
      risk: english(r.risk),
      riskMessage: r.risk,
      verify: r.verify,
    };
  });
}
