import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  test('TRUST_PROXY takes the proxies’ addresses or CIDR ranges, or a hop count', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy, ['127.0.0.1']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,::1,fd00::/8' }).trustProxy, ['10.0.0.0/8', '192.168.1.5', '::1', 'fd00::/8']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy, ['loopback', 'uniquelocal']);
  });

  test('TRUST_PROXY=true is refused at start-up, saying what to set instead', () => {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: 'true' }),
      /TRUST_PROXY: true would trust X-Forwarded-For from any client.*TRUST_PROXY=127\.0\.0\.1.*TRUST_PROXY=1/,
    );
  });

  test('TRUST_PROXY refuses anything that is not an address, a range or a number', () => {
    for (const value of ['yes', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/8', 'example.org', '127.0.0.1,', '-1', '::1/129']) {
      assert.throws(() => loadConfig({ TRUST_PROXY: value }), /Invalid configuration: TRUST_PROXY: .*not an IP address or CIDR range/, value);
    }
  });

  test('SMTP_URL without PUBLIC_URL is refused: emailed links need the real address', () => {
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' }), /PUBLIC_URL: is required with SMTP_URL/);
    const config = loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', PUBLIC_URL: 'https://case-review.example.org/' });
    assert.equal(config.publicUrl, 'https://case-review.example.org');
    assert.equal(config.publicBase, 'https://case-review.example.org');
  });

  test('without PUBLIC_URL (and mail off), links use the configured host and port', () => {
    assert.equal(loadConfig({ HOST: '10.1.2.3', PORT: '8080' }).publicBase, 'http://10.1.2.3:8080');
    assert.equal(loadConfig({ HOST: '::1', PORT: '8080' }).publicBase, 'http://[::1]:8080');
  });

  test('PUBLIC_URL must be an http or https address', () => {
    assert.throws(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' }), /PUBLIC_URL/);
    assert.throws(() => loadConfig({ PUBLIC_URL: 'ftp://files.example.org' }), /PUBLIC_URL/);
  });
});
