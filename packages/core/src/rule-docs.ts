/**
 * Rule documentation, generated from each rule's `meta` (title, message pillars, executed
 * examples, options, legal basis). It lives in core so that every face ships it: the CLI's
 * `explain`, SARIF `help` and the language server render the same page offline, and
 * `npm run docs` writes the same text to `docs/rules/<id>.md`. No URL is invented here:
 * links appear only for legal sources that name one, and for a team's `docsBaseUrl`.
 */
import * as path from 'node:path';
import type { Rule } from './rule';

type AnyRule = Rule<any, string>;
type Example = AnyRule['meta']['examples']['incorrect'][number];

/** The documentation page of a rule, as Markdown (the content of `docs/rules/<id>.md`). */
export function ruleDocMarkdown(rule: AnyRule): string {
  return rulePage(rule);
}

/**
 * The link to a rule's page under a team's `docsBaseUrl`: `{rule}` in the base is replaced
 * by the rule id; otherwise `<base>/<id>.md`. `undefined` without a base (nothing invented).
 */
export function ruleDocsUrl(ruleId: string, docsBaseUrl: string | undefined): string | undefined {
  if (!docsBaseUrl) return undefined;
  if (docsBaseUrl.includes('{rule}')) return docsBaseUrl.split('{rule}').join(ruleId);
  return `${docsBaseUrl.replace(/\/+$/, '')}/${ruleId}.md`;
}

/** Markdown to plain text for terminals and SARIF `help.text`: no markup, code kept. */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^(```+|~~~+)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(`    ${line}`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      // # and ## are underlined (= and -), deeper headings stay plain lines.
      const title = heading[2].replace(/`([^`]+)`/g, '$1');
      out.push(title);
      if (heading[1].length <= 2) out.push((heading[1].length === 1 ? '=' : '-').repeat(title.length));
      continue;
    }
    // Code spans are taken as written (a glob such as `**/*.test.*` is not bold); links and bold
    // are unwrapped only outside them.
    let text = line
      .split(/(`[^`]+`)/)
      .map((part) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 1
          ? part.slice(1, -1)
          : part
              .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label: string, url: string) => (/^https?:/.test(url) ? `${label} (${url})` : label))
              .replace(/\*\*([^*]+)\*\*/g, '$1'),
      )
      .join('')
      .replace(/\\\|/g, '|');
    if (/^---+$/.test(text)) text = '';
    out.push(text);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function rulePage(rule: AnyRule): string {
  const { meta } = rule;
  const out: string[] = [];
  out.push(`# ${rule.id}`, '', meta.title.endsWith('.') ? meta.title : `${meta.title}.`, '');
  out.push(
    [
      `**Default severity:** \`${meta.defaultSeverity}\``,
      `**Type:** ${meta.type}`,
      `**Fixable:** ${meta.fixable ? 'yes' : 'no'}`,
      `**Suggestions:** ${meta.hasSuggestions ? 'yes' : 'no'}`,
    ].join(' · '),
    '',
  );

  out.push('## Why', '', meta.description.trim(), '');
  out.push('What Creepyline says when it reports this rule, why it matters, and what to do:', '');
  for (const [messageId, message] of Object.entries(meta.messages)) {
    out.push(`### \`${messageId}\``, '');
    out.push(`- **What:** ${plain(message.text)}`);
    out.push(`- **Why it matters:** ${plain(message.why)}`);
    out.push(`- **What to do:** ${plain(message.fix)}`, '');
  }
  if (Object.values(meta.messages).some((m) => /\{\{/.test(m.text + m.why + m.fix))) {
    out.push('Words in ‹angle quotes› are filled in from the code, e.g. the tracker’s name.', '');
  }

  out.push('## Examples', '');
  out.push(`Every example below is executed by the test suite: each incorrect example yields exactly one \`${rule.id}\` finding, each correct example none.`, '');
  out.push('### Incorrect', '');
  for (const example of meta.examples.incorrect) out.push(...exampleBlock(example));
  out.push('### Correct', '');
  for (const example of meta.examples.correct) out.push(...exampleBlock(example));

  out.push('## Options', '');
  out.push(...optionsSection(rule));

  out.push('## When not to use it', '', meta.whenNotToUse.trim(), '');

  out.push('## Legal basis', '');
  for (const ref of meta.gdpr) {
    const name = ref.url ? `[${ref.ref}](${ref.url})` : ref.ref;
    out.push(`- ${name}${ref.gist ? `: ${ref.gist}` : ''}`);
  }
  out.push('');
  out.push('---', '', 'Generated from the rule’s metadata by `npm run docs`; do not edit by hand.');
  return finish(out);
}

/** Message templates in plain words: `{{vendor}}` reads as ‹vendor›. */
function plain(template: string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => `‹${name}›`).trim();
}

function exampleBlock(example: Example): string[] {
  const filename = example.filename ?? 'example.ts';
  const out = [`#### ${example.title}`, ''];
  if (example.config) {
    out.push('With this `creepyline.json`:', '', ...fenced('json', JSON.stringify(example.config, null, 2)), '');
  }
  out.push(`\`${filename}\`:`, '', ...fenced(languageOfFile(filename), example.code), '');
  return out;
}

/** A fenced code block whose fence is longer than any backtick run in the code. */
function fenced(language: string, code: string): string[] {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, code.replace(/\s+$/, ''), fence];
}

const FENCE_LANGUAGE: Record<string, string> = {
  '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx',
  '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx',
  '.html': 'html', '.htm': 'html', '.vue': 'vue', '.svelte': 'svelte',
  '.css': 'css', '.scss': 'scss', '.json': 'json', '.php': 'php', '.py': 'python',
};

/** The fence info string for a file name (its extension; `text` when unknown). */
export function languageOfFile(filename: string): string {
  return FENCE_LANGUAGE[path.extname(filename).toLowerCase()] ?? 'text';
}

function optionsSection(rule: AnyRule): string[] {
  const schema = rule.meta.schema as { properties?: Record<string, Record<string, unknown>> };
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) return ['This rule has no options.', ''];
  const defaults = defaultOptionsOf(rule);
  const out = ['| Option | Type | Default | Description |', '| --- | --- | --- | --- |'];
  for (const name of names) {
    const prop = properties[name];
    const dflt = name in defaults ? defaults[name] : prop.default;
    const description = String(prop.markdownDescription ?? prop.description ?? '').replace(/\s*\n\s*/g, ' ');
    out.push(`| \`${name}\` | ${cell(typeOf(prop))} | ${dflt === undefined ? '—' : cell(`\`${JSON.stringify(dflt)}\``)} | ${cell(description)} |`);
  }
  out.push('', 'Set options in `creepyline.json` (shown with their defaults):', '');
  const config = { rules: { [rule.id]: [rule.meta.defaultSeverity, Object.fromEntries(names.map((n) => [n, n in defaults ? defaults[n] : properties[n].default]))] } };
  out.push(...fenced('json', JSON.stringify(config, null, 2)), '');
  return out;
}

/** A readable type for an options property: `string[]`, `"a" \| "b"`, `boolean`, `object`. */
function typeOf(prop: Record<string, unknown>): string {
  if (Array.isArray(prop.enum)) return prop.enum.map((v) => JSON.stringify(v)).join(' | ');
  const type = prop.type;
  if (Array.isArray(type)) return type.join(' | ');
  if (type === 'array') {
    const items = prop.items as Record<string, unknown> | undefined;
    const inner = items && !Array.isArray(items) ? typeOf(items) : 'unknown';
    return inner.includes(' ') ? `(${inner})[]` : `${inner}[]`;
  }
  if (typeof type === 'string') return type;
  if (Array.isArray(prop.anyOf ?? prop.oneOf)) return ((prop.anyOf ?? prop.oneOf) as Record<string, unknown>[]).map(typeOf).join(' | ');
  return 'unknown';
}

/** Escapes a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A rule's default options as an object (`defaultOptions` may be `[{…}]` or `{…}`). */
function defaultOptionsOf(rule: AnyRule): Record<string, unknown> {
  const value = Array.isArray(rule.defaultOptions) ? rule.defaultOptions[0] : rule.defaultOptions;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Joins lines, collapses runs of blank lines, ends with exactly one newline. */
function finish(lines: string[]): string {
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\s+$/, '')}\n`;
}
