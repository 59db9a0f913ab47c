// Where the bundled seed knowledge base lives; entry points read it (this package does no I/O).
import { fileURLToPath } from 'node:url';

export const SEED_KB_PATH = fileURLToPath(new URL('../../kb/seed.yaml', import.meta.url));
