import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_FILE_SIZE, parseArgs, parseSize, UsageError } from '../src/args';
import { closest, editDistance } from '../src/suggest';

function check(argv: string[]) {
  const command = parseArgs(argv);
  assert.equal(command.kind, 'check');
  return (command as Extract<typeof command, { kind: 'check' }>).options;
}

describe('cli args', () => {
  it('defaults: path ., text, fail-on error, 1 MB, ignore files on', () => {
    const options = check(['check']);
    assert.deepEqual(options.paths, ['.']);
    assert.equal(options.format, 'text');
    assert.equal(options.failOn, 'error');
    assert.equal(options.maxFileSize, DEFAULT_MAX_FILE_SIZE);
    assert.equal(options.ignore, true);
    assert.equal(options.color, undefined);
  });

  it('reads values in both --opt value and --opt=value forms, and short flags', () => {
    const options = check(['check', 'src', '--format=sarif', '-o', 'out.sarif', '--fail-on', 'warning', '-r', 'a,b', '--rule=a', 'lib', '-q', '--no-color', '--no-ignore']);
    assert.deepEqual(options.paths, ['src', 'lib']);
    assert.equal(options.format, 'sarif');
    assert.equal(options.output, 'out.sarif');
    assert.equal(options.failOn, 'warning');
    assert.deepEqual(options.rules, ['a', 'b']);
    assert.equal(options.quiet, true);
    assert.equal(options.color, false);
    assert.equal(options.ignore, false);
  });

  it('treats everything after -- as a path', () => {
    assert.deepEqual(check(['check', '--', '--format']).paths, ['--format']);
  });

  it('rejects unknown options with a suggestion', () => {
    assert.throws(() => parseArgs(['check', '--formt', 'json']), (e: Error) => e instanceof UsageError && /Did you mean '--format'/.test(e.message));
    assert.throws(() => parseArgs(['check', '--zzzzzz']), (e: Error) => e instanceof UsageError && !/Did you mean/.test(e.message));
  });

  it('rejects bad values and missing values', () => {
    assert.throws(() => parseArgs(['check', '--format', 'jsn']), /expected one of .*Did you mean 'json'/);
    assert.throws(() => parseArgs(['check', '--fail-on', 'fatal']), /Invalid value 'fatal' for --fail-on/);
    assert.throws(() => parseArgs(['check', '--output']), /needs a value/);
    assert.throws(() => parseArgs(['check', '--output', '--quiet']), /needs a value/);
    assert.throws(() => parseArgs(['check', '--quiet=yes']), /takes no value/);
    assert.throws(() => parseArgs([]), /Missing command/);
    assert.throws(() => parseArgs(['chek']), /Unknown command 'chek'. Did you mean 'check'/);
  });

  it('routes help and version', () => {
    assert.deepEqual(parseArgs(['--help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['check', '--help']), { kind: 'help', topic: 'check' });
    assert.deepEqual(parseArgs(['help', 'check']), { kind: 'help', topic: 'check' });
    assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
  });

  it('parses sizes', () => {
    assert.equal(parseSize('100'), 100);
    assert.equal(parseSize('2kb'), 2048);
    assert.equal(parseSize('1.5MB'), 1.5 * 1024 * 1024);
    assert.throws(() => parseSize('big'), UsageError);
    assert.throws(() => parseSize('0'), /larger than 0/);
  });

  it('suggests only close candidates', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(closest('tracking-without-consnet', ['tracking-without-consent', 'prechecked-consent']), 'tracking-without-consent');
    assert.equal(closest('xml', ['text', 'json', 'html']), undefined);
  });
});
