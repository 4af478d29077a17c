import { describe, expect, it } from 'vitest';
import { shellQuote, valueAsJson, writeCommand } from '../../renderer/src/editor/copy/copy-formats.js';
import { restoreWrite } from '../../renderer/src/editor/undo-delete/deleted-record.js';
import { editValue, valueDraftFor } from '../../renderer/src/editor/value-draft.js';
import { decodedViews, defaultMode } from '../../renderer/src/editor/value-modes.js';
import { docOf, docString } from '../../renderer/src/editor/value-views/doc-text.js';
import { hexRow } from '../../renderer/src/editor/value-views/hex-rows.js';
import { imageKindOf } from '../../renderer/src/editor/value-views/image-kind.js';
import { msgpackText } from '../../renderer/src/editor/value-views/msgpack-text.js';
import { protobufText } from '../../renderer/src/editor/value-views/protobuf-wire.js';
import { textToBytes } from '../../renderer/src/ui/base64.js';

describe('value views', () => {
  it('hex rows carry the offset, two groups of eight bytes and the ASCII column', () => {
    const bytes = new Uint8Array([...textToBytes('Hello, world!\n'), 0, 255, 65]);
    const first = hexRow(bytes, 0);
    expect(first.offset).toBe('00000000');
    expect(first.hex).toBe('48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 ff');
    expect(first.ascii).toBe('Hello, world!...');
    expect(hexRow(bytes, 1)).toMatchObject({ offset: '00000010', ascii: 'A' });
  });

  it('keeps CRLF and lone CR exactly through the editor document', () => {
    const text = 'a\r\nb\rc\n';
    expect(docString(docOf(text))).toBe(text);
  });

  it('knows images by their magic bytes only', () => {
    expect(imageKindOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(imageKindOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(imageKindOf(textToBytes('GIF89a...'))).toBe('gif');
    expect(imageKindOf(textToBytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(imageKindOf(textToBytes('PNG'))).toBeUndefined();
  });

  it('decodes protobuf only when the whole value parses, nested messages indented', () => {
    const message = new Uint8Array([0x08, 0x96, 0x01, 0x12, 0x03, 0x41, 0x64, 0x61, 0x1a, 0x02, 0x08, 0x07]);
    expect(protobufText(message)).toBe('1: 150\n2: "Ada"\n3 {\n  1: 7\n}');
    expect(protobufText(message.subarray(0, 6))).toBeUndefined();
    expect(protobufText(new Uint8Array([0x0b]))).toBeUndefined(); // a group start: refused
  });

  it('decodes MessagePack maps and arrays, not lone scalars', () => {
    expect(msgpackText(new Uint8Array([0x81, 0xa1, 0x61, 0xc4, 0x01, 0xff]))).toBe('{\n  "a": <bin ff>\n}');
    expect(msgpackText(new Uint8Array([0x05]))).toBeUndefined();
    expect(msgpackText(new Uint8Array([0x92, 0x01]))).toBeUndefined();
  });

  it('offers decoded views for binary values only, MessagePack first', () => {
    expect(decodedViews(textToBytes('{"a":1}'))).toEqual([]);
    expect(defaultMode(new Uint8Array([0x81, 0xa1, 0x61, 0xc4, 0x01, 0xff]))).toBe('msgpack');
    expect(defaultMode(new Uint8Array([0xff, 0]))).toBe('hex');
  });

  it('judges a large value by its head and checks large typed text only when saved', () => {
    const large = textToBytes(`{"a":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    expect(defaultMode(large)).toBe('text');
    const draft = editValue(valueDraftFor(large, 'json'), docOf(`{"a":${'1'.repeat(2 * 1024 * 1024)}`));
    expect(draft.problem).toBeUndefined();
    expect(editValue(valueDraftFor(textToBytes('{}'), 'json'), '{').problem).toMatch(/Invalid JSON/);
  });
});

describe('copy', () => {
  it('quotes words for a POSIX shell', () => {
    expect(shellQuote('user/1')).toBe('user/1');
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('a b\nc')).toBe("'a b\nc'");
    expect(shellQuote('')).toBe("''");
  });

  it('writes a command with the flags the CLI takes, binary through --base64', () => {
    const base = { storePath: '/tmp/s.db', database: 'micro', table: 't', key: '-k' };
    const detail = { metadata: { a: 1 }, expiresAt: 61_000 };
    expect(writeCommand({ ...base, value: textToBytes('v w'), detail }, 1000)).toEqual({
      ok: true,
      text: `store-inspector write --store /tmp/s.db --database micro --table t --metadata '{"a":1}' --ttl 60s -- -k 'v w'`,
    });
    const binary = writeCommand(
      { ...base, value: new Uint8Array([0, 1]), detail: { metadata: {}, expiresAt: null } },
      0,
    );
    expect(binary).toMatchObject({ ok: true, text: expect.stringMatching(/--base64 -- -k AAE=$/) });
    expect(writeCommand({ ...base, value: textToBytes('v'), detail }, 70_000)).toMatchObject({ ok: false });
  });

  it('copies JSON as JSON and other text as a JSON string', () => {
    expect(valueAsJson(textToBytes('{"a":1}'))).toEqual({ ok: true, text: '{\n  "a": 1\n}' });
    expect(valueAsJson(textToBytes('hi "x"'))).toEqual({ ok: true, text: '"hi \\"x\\""' });
    expect(valueAsJson(new Uint8Array([0xff]))).toMatchObject({ ok: false });
  });
});

describe('undo delete', () => {
  const record = {
    database: 'd',
    table: 't',
    key: 'k',
    value: new Uint8Array([1]),
    metadata: { m: 1 },
    expiresAt: 5000,
  };

  it('writes the record back only where the key is free, with its expiry instant', () => {
    expect(restoreWrite(record, 1000)).toEqual({
      database: 'd',
      table: 't',
      key: 'k',
      value: 'AQ==',
      metadata: { m: 1 },
      expiry: { kind: 'at', at: 5000 },
      expectedRevision: null,
    });
    expect(restoreWrite(record, 6000)).toBeUndefined();
    expect(restoreWrite({ ...record, expiresAt: null }, 6000)?.expiry).toEqual({ kind: 'none' });
  });
});
