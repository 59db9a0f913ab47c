// Who made a change on the command line, as the audit log names it: the operating-system user, so
// changes from a shared server's shell are told apart from the web app's users.
import { userInfo } from 'node:os';

export const cliActor = (): string => `cli:${userInfo().username}`;
