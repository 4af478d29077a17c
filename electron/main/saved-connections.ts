/**
 * The desktop's saved connections: a small JSON file in the user-data folder whose passwords are sealed by
 * the system (Electron's safeStorage: the macOS Keychain, Windows DPAPI, libsecret or KWallet on Linux). A
 * password is never written in plain text: where the system offers no key, none is written at all and the
 * dialog says why. The cipher is passed in, so the file's rules are tested without Electron.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { ConnectionBook, ConnectionEntry } from '../api/connection-handlers.js';
import type { SavedConnectionDto } from '../api/contract/connection-schemas.js';
import { CodedError } from '../api/errors.js';

/** Seals and opens passwords; `unavailableReason` says why it cannot, when it cannot. */
export interface PasswordCipher {
  unavailableReason(): Promise<string | undefined>;
  seal(password: string): Promise<Uint8Array>;
  open(sealed: Uint8Array): Promise<string>;
}

interface StoredConnection extends ConnectionEntry {
  id: string;
  /** base64 of what the cipher sealed; absent when no password is kept. */
  sealedPassword?: string;
}

const FILE_NAME = 'connections.json';
const MAX_SAVED = 100;

export class SavedConnections implements ConnectionBook {
  private readonly path: string;

  constructor(
    userDataDir: string,
    private readonly cipher: PasswordCipher,
  ) {
    this.path = join(userDataDir, FILE_NAME);
  }

  passwordsNotKept(): Promise<string | undefined> {
    return this.cipher.unavailableReason();
  }

  async list(): Promise<SavedConnectionDto[]> {
    return this.load().map(toDto);
  }

  async save(entry: ConnectionEntry, password: string | undefined, id?: string): Promise<SavedConnectionDto> {
    const all = this.load();
    const previous = id === undefined ? undefined : all.find((each) => each.id === id);
    const sealed = await this.sealIfKept(password, previous?.sealedPassword);
    const stored: StoredConnection = {
      ...cleanEntry(entry),
      id: previous?.id ?? randomUUID(),
      ...(sealed === undefined ? {} : { sealedPassword: sealed }),
    };
    const others = all.filter((each) => each.id !== stored.id);
    if (previous === undefined && others.length >= MAX_SAVED) {
      throw new CodedError('invalid-argument', `at most ${MAX_SAVED} connections are saved: forget one first`);
    }
    this.write(
      previous === undefined ? [...others, stored] : all.map((each) => (each.id === stored.id ? stored : each)),
    );
    return toDto(stored);
  }

  async forget(id: string): Promise<void> {
    this.write(this.load().filter((each) => each.id !== id));
  }

  async unseal(id: string): Promise<{ entry: SavedConnectionDto; password: string | undefined } | undefined> {
    const found = this.load().find((each) => each.id === id);
    if (found === undefined) return undefined;
    if (found.sealedPassword === undefined) return { entry: toDto(found), password: undefined };
    try {
      return { entry: toDto(found), password: await this.cipher.open(Buffer.from(found.sealedPassword, 'base64')) };
    } catch {
      throw new CodedError(
        'invalid-argument',
        `the saved password of "${found.name}" cannot be opened (the system's keychain changed): type it again and save`,
      );
    }
  }

  /** A new password sealed; none given keeps the one already sealed; none kept where the system has no key. */
  private async sealIfKept(password: string | undefined, previous: string | undefined): Promise<string | undefined> {
    if ((await this.cipher.unavailableReason()) !== undefined) return undefined;
    if (password === undefined || password === '') return previous;
    return Buffer.from(await this.cipher.seal(password)).toString('base64');
  }

  /** A missing file is no connections; a damaged one is set aside (never overwritten) and read as none. */
  private load(): StoredConnection[] {
    if (!existsSync(this.path)) return [];
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      const list = (parsed as { connections?: unknown }).connections;
      if (!Array.isArray(list)) throw new Error('no connections list');
      return list.filter(isStoredConnection);
    } catch {
      renameSync(this.path, `${this.path}.damaged-${Date.now()}`);
      return [];
    }
  }

  /** Written to a temporary file and renamed, readable by this user only. */
  private write(connections: StoredConnection[]): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify({ connections }, null, 2), { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}

/**
 * Electron's safeStorage as the cipher. On Linux without a keyring it falls back to a fixed key
 * (`basic_text`), which is plain text in all but name: passwords are then not kept.
 */
export function safeStorageCipher(storage: SafeStorage, platform: NodeJS.Platform = process.platform): PasswordCipher {
  return {
    unavailableReason: async () => {
      if (!(await storage.isAsyncEncryptionAvailable())) {
        return 'the system offers no keychain to this app: passwords are not saved';
      }
      if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text') {
        return 'no keyring (libsecret or KWallet) is running: passwords are not saved';
      }
      return undefined;
    },
    seal: (password) => storage.encryptStringAsync(password),
    open: async (sealed) => (await storage.decryptStringAsync(Buffer.from(sealed))).result,
  };
}

function cleanEntry({ name, url, readOnly, database, table }: ConnectionEntry): ConnectionEntry {
  return {
    name,
    url,
    readOnly,
    ...(database === undefined ? {} : { database }),
    ...(table === undefined ? {} : { table }),
  };
}

function toDto({ sealedPassword, ...entry }: StoredConnection): SavedConnectionDto {
  return { ...entry, display: entry.url, hasPassword: sealedPassword !== undefined };
}

function isStoredConnection(value: unknown): value is StoredConnection {
  if (typeof value !== 'object' || value === null) return false;
  const each = value as Record<string, unknown>;
  const optionalText = (field: unknown) => field === undefined || typeof field === 'string';
  return (
    typeof each.id === 'string' &&
    typeof each.name === 'string' &&
    typeof each.url === 'string' &&
    typeof each.readOnly === 'boolean' &&
    optionalText(each.sealedPassword) &&
    optionalText(each.database) &&
    optionalText(each.table)
  );
}
