// `echotrace users …` and `echotrace audit`: the accounts of a served store, made and read on the
// command line (the first admin can only be made here: there is no default password). Changes are
// audited as `cli:<os user>`.
import { randomBytes } from 'node:crypto';
import {
  auditTrail,
  checkRole,
  createApiToken,
  createUser,
  listApiTokens,
  listUsers,
  resetPassword,
  revokeApiToken,
  setUserDisabled,
} from '@echotrace/app';
import { UsageError } from '@echotrace/core';
import { writeJson, type Command, type CommandContext } from '../command.ts';
import { systemClock } from '../system.clock.ts';
import { cliActor } from '../cli.actor.ts';

const actor = cliActor;

function onlyName(context: CommandContext, usage: string): string {
  const [name, ...extra] = context.positionals;
  if (!name || extra.length) throw new UsageError(`expected one username: ${usage}`);
  return name;
}

/** The password: the first line of standard input with --password-stdin, else a generated one (printed). */
async function password(context: CommandContext): Promise<{ value: string; generated: boolean }> {
  if (!context.options['password-stdin'])
    return { value: randomBytes(18).toString('base64url'), generated: true };
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return { value: text.split(/\r?\n/)[0] ?? '', generated: false };
}

const passwordOption = {
  name: 'password-stdin',
  type: 'boolean',
  description:
    'Read the password from the first line of standard input (else one is generated and printed once)',
} as const;

export const usersAddCommand: Command = {
  name: 'users add',
  summary: 'Add a user of the served API (admin, analyst or viewer)',
  usage: 'users add NAME --role admin|analyst|viewer [--password-stdin]',
  help: `
Without --password-stdin a random password is generated and printed once. Passwords have at least
12 characters and are stored as scrypt hashes (docs/server.md).`,
  options: [
    { name: 'role', type: 'string', value: 'ROLE', description: 'admin, analyst or viewer (default viewer)' },
    passwordOption,
  ],
  async run(context) {
    const username = onlyName(context, this.usage);
    const role = checkRole((context.options.role as string | undefined) ?? 'viewer');
    const secret = await password(context);
    const user = await createUser(await context.openStore(), {
      username,
      password: secret.value,
      role,
      actor: actor(),
      now: systemClock.now(),
    });
    context.stdout.write(`added ${user.username} (${user.role})\n`);
    if (secret.generated) context.stdout.write(`password (shown once): ${secret.value}\n`);
    return 0;
  },
};

export const usersListCommand: Command = {
  name: 'users list',
  summary: 'List users with their roles and API tokens',
  usage: 'users list [--json]',
  help: `
--json prints [{id, username, role, createdAt, disabledAt, tokens: [{id, name, createdAt, lastUsedAt,
revokedAt}]}] (never a hash).`,
  options: [{ name: 'json', type: 'boolean', description: 'Print the users as JSON' }],
  async run(context) {
    const store = await context.openStore();
    const tokens = await listApiTokens(store);
    const users = (await listUsers(store)).map((u) => ({
      ...u,
      tokens: tokens.filter((t) => t.userId === u.id).map(({ userId: _u, ...t }) => t),
    }));
    if (context.options.json) {
      writeJson(context.stdout, users);
      return 0;
    }
    if (users.length === 0) context.stdout.write('no users\n');
    for (const u of users) {
      const live = u.tokens.filter((t) => !t.revokedAt).length;
      context.stdout.write(
        `${u.username}  ${u.role}${u.disabledAt ? `  disabled ${u.disabledAt}` : ''}  ${live} API token${live === 1 ? '' : 's'}\n`,
      );
    }
    return 0;
  },
};

const toggle = (disabled: boolean): Command => ({
  name: disabled ? 'users disable' : 'users enable',
  summary: disabled ? 'Disable a user: sessions end, tokens stop working' : 'Enable a disabled user again',
  usage: `users ${disabled ? 'disable' : 'enable'} NAME`,
  options: [],
  async run(context) {
    const username = onlyName(context, this.usage);
    await setUserDisabled(await context.openStore(), {
      username,
      disabled,
      actor: actor(),
      now: systemClock.now(),
    });
    context.stdout.write(`${username} ${disabled ? 'disabled' : 'enabled'}\n`);
    return 0;
  },
});
export const usersDisableCommand = toggle(true);
export const usersEnableCommand = toggle(false);

export const usersResetCommand: Command = {
  name: 'users reset',
  summary: "Set a new password for a user (ending the user's sessions)",
  usage: 'users reset NAME [--password-stdin]',
  options: [passwordOption],
  async run(context) {
    const username = onlyName(context, this.usage);
    const secret = await password(context);
    await resetPassword(await context.openStore(), {
      username,
      password: secret.value,
      actor: actor(),
      now: systemClock.now(),
    });
    context.stdout.write(`new password set for ${username}\n`);
    if (secret.generated) context.stdout.write(`password (shown once): ${secret.value}\n`);
    return 0;
  },
};

export const usersTokenCommand: Command = {
  name: 'users token',
  summary: 'Make an API token for a user (printed once), or revoke one',
  usage: 'users token NAME --name WHAT | users token --revoke ID',
  help: `
Scripts send the token as \`Authorization: Bearer et_…\`. Only its SHA-256 is stored; \`users list\`
shows token ids, names and last use.`,
  options: [
    { name: 'name', type: 'string', value: 'WHAT', description: 'What the token is for' },
    { name: 'revoke', type: 'string', value: 'ID', description: 'Revoke the token with this id' },
  ],
  async run(context) {
    const store = await context.openStore();
    const revoke = context.options.revoke as string | undefined;
    if (revoke) {
      await revokeApiToken(store, { id: revoke, actor: actor(), now: systemClock.now() });
      context.stdout.write(`revoked ${revoke}\n`);
      return 0;
    }
    const username = onlyName(context, this.usage);
    const name = context.options.name as string | undefined;
    if (!name) throw new UsageError('say what the token is for: --name WHAT');
    const made = await createApiToken(store, { username, name, actor: actor(), now: systemClock.now() });
    context.stdout.write(`token ${made.record.id} for ${username} (${name}), shown once:\n${made.token}\n`);
    return 0;
  },
};

export const auditCommand: Command = {
  name: 'audit',
  summary: 'The audit log: who changed what, when (newest first)',
  usage: 'audit [--actor NAME] [--action ACTION] [--limit N] [--json]',
  help: `
--json prints [{id, at, actor, action, target, details}]. Changes made in the web app or the API
are recorded with the user's name, changes made on the command line as cli:<os user>. Actions:
sanctions.decide, labels.decide, entities.merge, entities.split, entities.accept, entities.import,
translation.edit, translation.approve, dispatch.create, dispatch.import, dispatch.add-excerpt,
dispatch.move, dispatch.remove, dispatch.revise-excerpt, sources.add, sources.remove,
sources.import, users.add, users.disable, users.enable, users.reset, tokens.add, tokens.revoke,
auth.login, auth.logout.`,
  options: [
    {
      name: 'actor',
      type: 'string',
      value: 'NAME',
      description: 'Only changes by this user (cli:NAME for the command line)',
    },
    { name: 'action', type: 'string', value: 'ACTION', description: 'Only this action' },
    {
      name: 'limit',
      type: 'integer',
      min: 1,
      max: 100000,
      value: 'N',
      description: 'Events to show (default 50)',
    },
    { name: 'json', type: 'boolean', description: 'Print the events as JSON' },
  ],
  async run(context) {
    const events = await auditTrail(await context.openStore(), {
      actor: context.options.actor as string | undefined,
      action: context.options.action as string | undefined,
      limit: (context.options.limit as number | undefined) ?? 50,
    });
    if (context.options.json) {
      writeJson(context.stdout, events);
      return 0;
    }
    if (events.length === 0) context.stdout.write('no changes recorded\n');
    for (const e of events) {
      const details = Object.keys(e.details).length ? `  ${JSON.stringify(e.details)}` : '';
      context.stdout.write(`${e.at}  ${e.actor}  ${e.action}${e.target ? ` ${e.target}` : ''}${details}\n`);
    }
    return 0;
  },
};

export const accountCommands: Command[] = [
  usersAddCommand,
  usersListCommand,
  usersDisableCommand,
  usersEnableCommand,
  usersResetCommand,
  usersTokenCommand,
  auditCommand,
];
