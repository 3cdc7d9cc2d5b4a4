import {
  checkWebhookUrl,
  guardedLookup,
  refusedAddressKind,
  WebhookAddressError,
  type WebhookAddressPolicy,
} from './webhook-address';

const strict: WebhookAddressPolicy = { allowedHosts: [] };

describe(checkWebhookUrl.name, () => {
  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook', '回环地址'],
    ['loopback, another address of 127/8', 'http://127.8.9.10/', '回环地址'],
    ['the metadata service (link-local)', 'http://169.254.169.254/latest/meta-data/', '链路本地地址'],
    ['private 10/8', 'http://10.0.0.1/', '内网地址'],
    ['private 172.16/12', 'https://172.20.1.1/', '内网地址'],
    ['private 192.168/16', 'http://192.168.1.1/', '内网地址'],
    ['carrier-grade NAT', 'http://100.64.0.1/', '运营商内网地址'],
    ['multicast', 'http://224.0.0.1/', '组播地址'],
    ['broadcast', 'http://255.255.255.255/', '广播地址'],
    ['unspecified 0.0.0.0', 'http://0.0.0.0:6379/', '未指定地址'],
    ['unspecified written 0', 'http://0/', '未指定地址'],
    ['IPv6 loopback', 'http://[::1]:6379/', '回环地址'],
    ['IPv6 unspecified', 'http://[::]/', '未指定地址'],
    ['IPv6 link-local', 'http://[fe80::1]/', '链路本地地址'],
    ['IPv6 unique local', 'http://[fd00::1]/', '内网地址'],
    ['IPv6 multicast', 'http://[ff02::1]/', '组播地址'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/', '回环地址'],
    ['IPv4-mapped IPv6 metadata', 'http://[::ffff:a9fe:a9fe]/', '链路本地地址'],
    ['decimal IPv4', 'http://2130706433/', '回环地址'],
    ['octal IPv4', 'http://0177.0.0.1/', '回环地址'],
    ['hex IPv4', 'http://0x7f.0x0.0x0.0x1/', '回环地址'],
    ['shortened IPv4', 'http://10.1/', '内网地址'],
  ])('refuses %s (%s)', (_name, url, kind) => {
    expect(() => checkWebhookUrl(url, strict)).toThrow(WebhookAddressError);
    expect(() => checkWebhookUrl(url, strict)).toThrow(
      new RegExp(`^不能向${kind}推送.*WEBHOOK_ALLOWED_HOSTS`),
    );
  });

  it.each([
    ['credentials', 'https://user:pass@hooks.example.cn/in', /不能包含用户名或密码/],
    ['a user name alone', 'https://user@hooks.example.cn/in', /不能包含用户名或密码/],
    ['another scheme', 'ftp://hooks.example.cn/in', /http:\/\/ 或 https:\/\//],
    ['a file URL', 'file:///etc/passwd', /http:\/\/ 或 https:\/\//],
    ['no URL at all', 'not a url', /网址格式不正确/],
  ])('refuses %s', (_name, url, message) => {
    expect(() => checkWebhookUrl(url, strict)).toThrow(message);
  });

  it('accepts public addresses and names (names are checked after DNS resolution)', () => {
    expect(checkWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', strict).host).toBe(
      'qyapi.weixin.qq.com',
    );
    expect(checkWebhookUrl('http://8.8.8.8/hook', strict).hostname).toBe('8.8.8.8');
    expect(checkWebhookUrl('http://[2001:4860:4860::8888]/hook', strict).hostname).toBe(
      '[2001:4860:4860::8888]',
    );
  });

  it('lets an administrator allow named hosts, and only those', () => {
    const allowed = { allowedHosts: ['127.0.0.1', '::1'] };
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook', allowed).port).toBe('9000');
    expect(checkWebhookUrl('http://[::1]:9000/hook', allowed).port).toBe('9000');
    expect(() => checkWebhookUrl('http://10.0.0.1/', allowed)).toThrow(WebhookAddressError);
    // Credentials stay refused even for an allowed host.
    expect(() => checkWebhookUrl('http://a:b@127.0.0.1/', allowed)).toThrow(/用户名或密码/);
  });
});

describe(refusedAddressKind.name, () => {
  it('passes public unicast addresses only', () => {
    expect(refusedAddressKind('1.1.1.1')).toBeNull();
    expect(refusedAddressKind('2400:3200::1')).toBeNull();
    expect(refusedAddressKind('::ffff:1.1.1.1')).toBeNull();
    expect(refusedAddressKind('192.0.2.1')).not.toBeNull();
  });
});

describe(guardedLookup.name, () => {
  const resolve = (host: string, policy = strict) =>
    new Promise<unknown>((done, fail) =>
      guardedLookup(policy)(host, { all: true }, (error, addresses) =>
        error ? fail(error) : done(addresses),
      ),
    );

  it('refuses a name that resolves to loopback, naming the address it found', async () => {
    await expect(resolve('localhost')).rejects.toThrow(/localhost 解析到 (127\.0\.0\.1|::1)/);
  });

  it('hands over the checked addresses of an allowed name', async () => {
    await expect(resolve('localhost', { allowedHosts: ['localhost'] })).resolves.toEqual(
      expect.arrayContaining([
        expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) }),
      ]),
    );
  });
});
