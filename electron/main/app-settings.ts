import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface AppSettings {
  recentFiles: string[];
  windowBounds?: WindowBounds;
}

const MAX_RECENT = 10;
const FILE_NAME = 'settings.json';

/**
 * What the app remembers between runs, in a small JSON file in its user-data folder. A missing or
 * damaged file means defaults: settings are a convenience and never stop the app from starting.
 */
export class SettingsFile {
  private readonly path: string;

  constructor(userDataDir: string) {
    this.path = join(userDataDir, FILE_NAME);
  }

  load(): AppSettings {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      return sanitize(parsed);
    } catch {
      return { recentFiles: [] };
    }
  }

  addRecent(path: string): AppSettings {
    const settings = this.load();
    settings.recentFiles = [path, ...settings.recentFiles.filter((recent) => recent !== path)].slice(0, MAX_RECENT);
    this.save(settings);
    return settings;
  }

  saveBounds(bounds: WindowBounds): void {
    this.save({ ...this.load(), windowBounds: bounds });
  }

  /** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
  private save(settings: AppSettings): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(settings, null, 2));
    renameSync(temporary, this.path);
  }
}

function sanitize(value: unknown): AppSettings {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const recentFiles = Array.isArray(raw.recentFiles)
    ? raw.recentFiles.filter((item): item is string => typeof item === 'string').slice(0, MAX_RECENT)
    : [];
  const bounds = raw.windowBounds as Partial<WindowBounds> | undefined;
  const validBounds =
    bounds !== undefined && Number.isFinite(bounds.width) && Number.isFinite(bounds.height)
      ? (bounds as WindowBounds)
      : undefined;
  return validBounds === undefined ? { recentFiles } : { recentFiles, windowBounds: validBounds };
}
