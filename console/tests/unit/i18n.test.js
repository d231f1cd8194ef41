import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usedKeys, flatten, literalKeys, dynamicPrefixes } from './i18n-keys.js';

const src = fileURLToPath(new URL('../../src', import.meta.url));
const load = (name) => JSON.parse(readFileSync(`${src}/locales/${name}.json`, 'utf8'));
const zh = new Set(flatten(load('zh-CN')));
const en = new Set(flatten(load('en')));

describe('locale files', () => {
  it('have the same keys in zh-CN and en', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });
  it('hold every key the sources use', () => {
    const { keys, unknownPrefixes } = usedKeys(src);
    expect([...unknownPrefixes]).toEqual([]);
    expect([...keys].filter((k) => !zh.has(k))).toEqual([]);
  });
  it('leave no text empty', () => {
    for (const name of ['zh-CN', 'en']) {
      const flat = (o) => Object.values(o).flatMap((v) => (typeof v === 'object' ? flat(v) : [v]));
      expect(flat(load(name)).filter((v) => !String(v).trim())).toEqual([]);
    }
  });
  it('the key finder sees literal and dynamic keys', () => {
    const text = "t('a.b') $t('c.d') te(`e.${x}`) t(`f.${y}`)";
    expect([...literalKeys(text)]).toEqual(['a.b', 'c.d']);
    expect([...dynamicPrefixes(text)]).toEqual(['e', 'f']);
  });
});
