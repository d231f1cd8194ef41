// The scenarios, in order: each may use what an earlier one left in env.state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD = 'Longjing-2025';
// Each demo account, the menu entries it must see and those it must not.
const ROLES = [
  ['demo-admin', ['dashboard', 'orders', 'finance', 'system', 'warehouse'], []],
  ['demo-cs', ['orders', 'review', 'afterSales', 'customers'], ['warehouse', 'system', 'imports']],
  ['demo-warehouse', ['orders', 'warehouse', 'inventory'], ['finance', 'review', 'customers', 'system', 'reports']],
  ['demo-logistics', ['orders', 'warehouse'], ['finance', 'review']],
  ['demo-finance', ['orders', 'finance'], ['warehouse', 'review']],
  ['demo-ops', ['orders', 'review', 'inventory', 'imports'], ['finance']],
  ['demo-purchasing', ['inventory'], ['finance', 'review']],
  ['demo-auditor', ['supervision', 'system', 'finance', 'reports'], ['review', 'warehouse']],
  ['demo-supervisor', ['supervision', 'anomalies', 'imports', 'reports'], ['finance', 'review']],
];

// A client of the API as a script would use it: the session cookie of a login, JSON bodies and
// the server's own Origin on writes.
async function apiSession(base, username) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.equal(login.status, 200, `login of ${username}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const call = async (method, path, body, headers = {}) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('etag'), json: text ? JSON.parse(text) : null };
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b ?? {}),
    // A change of a versioned resource names the version it read (If-Match).
    patch: async (p, b) => call('PATCH', p, b, { 'If-Match': (await call('GET', p)).etag }),
  };
}

// The text input of a field marked data-test=NAME (Element Plus puts the attribute on the
// <input> itself or on its wrapper, depending on the component).
function input(page, name) {
  return page.locator(`input[data-test=${name}], [data-test=${name}] input`).first();
}

async function login(env, username) {
  const { page, context, base } = env;
  await context.clearCookies();
  await page.goto(`${base}/login`);
  await input(page, 'username').fill(username);
  await input(page, 'password').fill(PASSWORD);
  await page.locator('[data-test=login-submit]').click();
  await page.locator('[data-test=current-user]').waitFor();
}

async function shot(env, name) {
  await env.page.waitForLoadState('networkidle').catch(() => {});
  await env.page.waitForTimeout(400); // charts finish their animation
  await env.page.screenshot({ path: join(env.artifacts, `${name}.png`) });
}

async function menuItems(page) {
  return page.locator('[data-menu]').evaluateAll((items) => items.map((i) => i.getAttribute('data-menu')));
}

function randomPhone() {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export const scenarios = [
  ['the server serves the console with its security headers', async ({ base }) => {
    const index = await fetch(`${base}/orders`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type'), /text\/html/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const csp = index.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    const html = await index.text();
    assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'no inline script');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)[1];
    const js = await fetch(`${base}${asset}`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(js.status, 200);
    assert.match(js.headers.get('cache-control'), /immutable/);
    const api404 = await fetch(`${base}/api/v1/no-such-thing`);
    assert.equal(api404.status, 404);
    assert.match(api404.headers.get('content-type'), /problem\+json/);
  }],

  ['the login page refuses a wrong password plainly', async (env) => {
    const { page, base } = env;
    // What a first visit downloads (bodies as sent: gzip), reported in the output.
    const sizes = [];
    const onResponse = (r) => sizes.push(r.request().sizes().then((s) => s.responseBodySize).catch(() => 0));
    page.on('response', onResponse);
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.locator('[data-test=login-submit]').waitFor();
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    console.log(`     first visit (log-in page): ${sizes.length} responses, ${(total / 1024).toFixed(1)} KiB as sent`);
    assert.ok(total < 400 * 1024, `the first download is ${total} bytes`);
    await shot(env, '00-login');
    await input(page, 'username').fill('demo-cs');
    await input(page, 'password').fill('not the password');
    await page.locator('[data-test=login-submit]').click();
    await page.locator('[data-test=login-error]').waitFor();
    assert.match(await page.locator('[data-test=login-error]').innerText(), /用户名或密码错误/);
  }],

  ['each role logs in and sees its own menu', async (env) => {
    for (const [username, must, mustNot] of ROLES) {
      await login(env, username);
      const items = await menuItems(env.page);
      for (const item of must) {
        assert.ok(items.includes(item), `${username} should see ${item} (sees ${items})`);
      }
      for (const item of mustNot) {
        assert.ok(!items.includes(item), `${username} should not see ${item}`);
      }
    }
  }],

  ['a packer is refused the finance page', async (env) => {
    const { page, base } = env;
    await login(env, 'demo-warehouse');
    await page.goto(`${base}/finance`);
    await page.locator('[data-test=forbidden]').waitFor();
    assert.match(await page.locator('[data-test=forbidden]').innerText(), /403/);
    await shot(env, '13-forbidden-packer-finance');
  }],

  ['an order placed through the API is found by phone and reviewed', async (env) => {
    const { page, base, state } = env;
    const admin = await apiSession(base, 'demo-admin');
    state.admin = admin;
    // Automatic review would approve a clean paid order at once: the reviewer does it here.
    assert.equal((await admin.patch('/settings', { auto_review: false })).status, 200);
    state.phone = randomPhone();
    const placed = await admin.post('/orders', {
      channel: 'phone', external_id: `E2E-${Date.now()}`,
      customer: { member_id: `m-e2e-${Date.now()}`, name: '测试客户', phone: state.phone },
      consignee: { name: '测试客户', phone: state.phone,
        address: { province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道100号 8楼 801室' } },
      lines: [{ sku: 'TEA-QM-150', quantity: 2 }],
      payment_method: 'online', shipping: { service: 'same_day' },
    });
    assert.equal(placed.status, 201, JSON.stringify(placed.json));
    state.orderNo = placed.json.order_no;
    const paid = await admin.post(`/orders/${state.orderNo}/payments`, {
      provider: 'alipay', transaction_id: `E2E-PAY-${Date.now()}`, amount: placed.json.total_amount,
    });
    assert.equal(paid.status, 200, JSON.stringify(paid.json));
    assert.equal(paid.json.status, 'pending_review');
    await login(env, 'demo-cs');
    await page.goto(`${base}/orders`);
    await page.locator('.filters .el-select').first().click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '手机号' }).click();
    await input(page, 'order-search').fill(state.phone);
    await page.locator('[data-test=order-search-submit]').click();
    // The unfiltered list shows the new order first too: wait for the search's answer, which
    // holds that order alone (the wait fails when it never comes).
    await page.waitForFunction(() => document.querySelectorAll('[data-test=order-link]').length === 1,
      null, { timeout: 20000 });
    await page.locator('[data-test=order-link]', { hasText: state.orderNo }).waitFor();
    assert.equal(await page.locator('[data-test=order-link]').count(), 1);
    await page.locator('[data-test=order-link]').click();
    await page.locator('[data-test=order-no]', { hasText: state.orderNo }).waitFor();
    // Personal data stays masked until a recorded reveal.
    const consignee = page.locator('[data-test=consignee]');
    assert.ok((await consignee.innerText()).includes(`${state.phone.slice(0, 3)}****${state.phone.slice(-4)}`));
    await page.locator('[data-test=reveal]').click();
    await page.locator('.el-message-box input').fill('客户来电核对收货地址');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await consignee.filter({ hasText: state.phone }).waitFor();
    await page.locator('[data-event=pii_revealed]').waitFor();
    await page.locator('[data-test=order-status]', { hasText: '待审核' }).waitFor();
    await page.locator('[data-action=review]').click();
    await page.locator('[data-test=action-submit]').click();
    await page.locator('[data-test=order-status]', { hasText: '待配货' }).waitFor();
  }],

  ['the warehouse builds a wave, scans, packs with a weight and ships', async (env) => {
    const { page, base, state, context } = env;
    await login(env, 'demo-warehouse');
    await page.goto(`${base}/warehouse`);
    await page.locator('[data-test=wave-warehouse]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '上海青浦仓' }).click();
    // Customer service re-confirms the cash-on-delivery orders waiting there (REV-2), so the
    // wave can take every waiting order of the warehouse, ours among them.
    const waiting = await state.admin.get('/orders?status=awaiting_fulfillment&warehouse=SH-01&payment_method=cod&limit=200');
    for (const order of waiting.json.data) {
      await state.admin.post(`/orders/${order.order_no}/cod-confirmation`, { channel: 'phone', confirmed: true });
    }
    await input(page, 'wave-max').fill('500');
    await page.locator('[data-test=create-wave]').click();
    await page.locator('[data-test=wave]').waitFor();
    const pickList = await page.locator('[data-pdf=pick-list]').getAttribute('href');
    const pdf = await context.request.get(`${base}${pickList}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'], /application\/pdf/);
    await page.locator('[data-test=wave-orders] .el-table__row', { hasText: state.orderNo }).click();
    await page.locator('[data-test=bench-status]').waitFor();
    const scan = input(page, 'scan-input');
    await scan.fill('NOT-IN-PARCEL');
    await scan.press('Enter');
    await page.locator('[data-test=scan-banner].scan-fail').waitFor();
    await shot(env, '06b-warehouse-scan-fail');
    for (let i = 0; i < 2; i += 1) {
      await scan.fill('TEA-QM-150');
      await scan.press('Enter');
      await page.locator('[data-test=scan-banner].scan-pass').waitFor();
    }
    await page.locator('[data-test=verify]').click();
    await page.locator('[data-test=scan-banner].scan-pass', { hasText: '校验通过' }).waitFor();
    await input(page, 'bench-weight').fill('530'); // the scale: 520 g expected, within tolerance
    await page.locator('[data-test=pack]').click();
    await page.locator('[data-test=bench-status]', { hasText: '已打包' }).waitFor();
    await page.locator('[data-test=ship]').click();
    await page.locator('[data-test=bench-status]', { hasText: '已发货' }).waitFor();
    await shot(env, '06-warehouse');
  }],

  ['each step is on the order timeline', async (env) => {
    const { page, base, state } = env;
    await login(env, 'demo-admin');
    await page.goto(`${base}/orders/${state.orderNo}`);
    await page.locator('[data-test=timeline]').waitFor();
    const events = await page.locator('[data-event]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-event')));
    for (const wanted of ['approve', 'start_picking', 'verified', 'pack', 'ship']) {
      assert.ok(events.some((e) => e === wanted || e.startsWith(wanted)), `timeline lacks ${wanted}: ${events}`);
    }
    await shot(env, '03-order-detail');
  }],

  ['a refund through after-sales', async (env) => {
    const { page, base, state } = env;
    await login(env, 'demo-cs');
    await page.goto(`${base}/orders/${state.orderNo}`);
    await page.locator('[data-action=after-sales]').click();
    await input(page, 'as-amount').fill('10');
    await page.locator('[data-test=action-submit]').click();
    await page.locator('.el-message--success').first().waitFor();
    await page.goto(`${base}/after-sales?order_no=${state.orderNo}`);
    const row = page.locator('[data-test=after-sales-table] .el-table__row').first();
    await row.locator('[data-case-action=approve]').click();
    await page.locator('[data-case-action=refund]').first().waitFor();
    await shot(env, '07-after-sales');
    await page.locator('[data-case-action=refund]').first().click();
    await page.locator('[data-test=after-sales-table] .el-table__row').first().locator('[data-case-status]').filter({ hasNotText: '已同意' }).waitFor();
    const refunds = await state.admin.get(`/refunds?order_no=${state.orderNo}`);
    assert.equal(refunds.status, 200);
    // Four eyes: the refund customer service asked for waits for someone else's approval.
    const asked = refunds.json.data.find((r) => r.amount === 1000 && r.status === 'awaiting_approval');
    assert.ok(asked, JSON.stringify(refunds.json));
    assert.equal(asked.approval, 'peer');
    // Finance approves it on its page (another person than the one who asked), then pays it out.
    await login(env, 'demo-finance');
    await page.goto(`${base}/finance`);
    await input(page, 'refund-order').fill(state.orderNo);
    await input(page, 'refund-order').press('Enter');
    const refundRow = page.locator('[data-test=refunds-table] .el-table__row', { hasText: state.orderNo }).first();
    await refundRow.getByText('待审批').waitFor();
    await refundRow.locator('[data-test=approve-refund]').click();
    await refundRow.getByText('待执行').waitFor();
    const approved = await state.admin.get(`/refunds/${asked.id}`);
    assert.equal(approved.json.status, 'pending', JSON.stringify(approved.json));
    await refundRow.locator('[data-test=execute-refund]').click();
    await page.locator('.el-message-box input').fill('ALIPAY-RF-0001');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await refundRow.getByText('已退款').waitFor();
    await shot(env, '09b-finance-refunded');
    const after = await state.admin.get(`/refunds?order_no=${state.orderNo}`);
    assert.ok(after.json.data.some((r) => r.amount === 1000 && r.status === 'succeeded' && r.provider_ref === 'ALIPAY-RF-0001'), JSON.stringify(after.json));
  }],

  ['the language switch persists', async (env) => {
    const { page, base } = env;
    await login(env, 'demo-admin');
    await page.goto(`${base}/orders`);
    await page.locator('[data-test=language]').getByText('English').click();
    await page.locator('[data-menu=orders]', { hasText: 'Orders' }).waitFor();
    await page.reload();
    await page.locator('[data-menu=orders]', { hasText: 'Orders' }).waitFor();
    await shot(env, '02-orders-en');
    await page.locator('[data-test=language]').getByText('中文').click();
    await page.locator('[data-menu=orders]', { hasText: '订单列表' }).waitFor();
  }],

  ['every main page renders for the administrator', async (env) => {
    const { page, base } = env;
    await login(env, 'demo-admin');
    const pages = [
      ['01-dashboard', '/dashboard', '[data-stat=orders]'],
      ['02-orders', '/orders', '[data-test=orders-table] .el-table__row'],
      ['04-review', '/review', '[data-page=review]'],
      ['05-anomalies', '/anomalies', '[data-page=anomalies]'],
      ['08-inventory', '/inventory', '[data-page=inventory] .el-table__row'],
      ['09-finance', '/finance', '[data-test=refunds-table]'],
      ['10-customers', '/customers', '[data-page=customers] .el-table__row'],
      ['11-supervision', '/supervision', '[data-page=supervision]'],
      ['12-system', '/system', '[data-page=system] .el-table__row'],
    ];
    for (const [name, path, ready] of pages) {
      await page.goto(`${base}${path}`);
      await page.locator(ready).first().waitFor();
      await shot(env, name);
    }
    await page.goto(`${base}/system`);
    await page.getByRole('tab', { name: '审计日志' }).click();
    await page.locator('[data-test=verify-chain]').click();
    await page.locator('[data-test=chain-result]').waitFor();
    assert.match(await page.locator('[data-test=chain-result]').innerText(), /日志链完整/);
    await shot(env, '12b-system-audit');
    // Backups: the tab lists them, and "back up now" adds one.
    await page.getByRole('tab', { name: '备份' }).click();
    await page.locator('[data-test=backups-table]').waitFor();
    const before = await page.locator('[data-test=backups-table] .el-table__row').count();
    await page.locator('[data-test=backup-now]').click();
    await page.locator('[data-test=backups-table] .el-table__row').nth(before).waitFor();
    assert.match(await page.locator('[data-test=backups-table] .el-table__row').first().innerText(), /成功/);
    await shot(env, '12c-system-backups');
  }],

  ['the reports page charts the figures and the order list exports them', async (env) => {
    const { page, base } = env;
    await login(env, 'demo-supervisor');
    await page.goto(`${base}/reports`);
    await page.locator('[data-test=report-table] .el-table__row').first().waitFor();
    await page.locator('[data-test=report-chart] canvas').first().waitFor();
    const total = page.locator('[data-test=report-table] .el-table__row').last();
    assert.match(await total.innerText(), /合计/);
    await shot(env, '16-reports');
    await page.locator('[data-test=report-group]').click();
    await page.getByRole('option', { name: '按渠道' }).click();
    await page.locator('[data-test=report-table] .el-table__row', { hasText: '合计' }).waitFor();
    await page.locator('[data-test=report-name]').click();
    await page.getByRole('option', { name: '售后统计' }).click();
    await page.locator('[data-test=report-table]').waitFor();
    await shot(env, '16b-reports-after-sales');
    await page.goto(`${base}/orders`);
    await page.locator('[data-test=orders-table] .el-table__row').first().waitFor();
    await page.locator('[data-test=export] button').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-export="orders.csv"]').click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.startsWith('\ufeff订单号 order_no,'), text.slice(0, 80));
    assert.ok(text.split('\r\n').length > 2, 'the demo orders are exported');
    assert.match(download.suggestedFilename(), /^orders-\d{8}-\d{6}\.csv$/);
    await shot(env, '16c-orders-export');
  }],

  ['operations upload a JD order export and see the result of each row', async (env) => {
    const { page, base } = env;
    await login(env, 'demo-ops');
    await page.goto(`${base}/imports`);
    const header = '订单号,商品ID,商品名称,订购数量,京东价,订单金额,应付金额,下单时间,付款确认时间,客户姓名,客户地址,联系电话,订单状态,商家SKU';
    const run = String(Date.now()).slice(-9);
    const rows = [
      `\t8${run}1,100001,祁门红茶,1,66.00,66.00,66.00,2026-11-11 10:00:00,2026-11-11 10:00:05,吴十,广东深圳市南山区科技园南路1号 3栋501室,13957281046,等待出库,TEA-QM-150`,
      `\t8${run}2,100001,祁门红茶,1,66.00,66.00,66.00,2026-11-11 10:00:00,,郑十一,北京朝阳区建国路1号,13957281047,已取消,TEA-QM-150`,
    ];
    const csv = `\ufeff${header}\r\n${rows.join('\r\n')}\r\n`;
    await page.locator('[data-test=import-format]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '京东' }).click();
    await page.locator('[data-test=import-files]').setInputFiles({ name: 'jd-orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-test=import-form] button[type=submit]').click();
    await page.locator('[data-test=import-rows] .el-table__row').nth(1).waitFor({ timeout: 20000 });
    const text = await page.locator('[data-test=import-rows]').innerText();
    assert.match(text, /已导入/);
    assert.match(text, /订单状态/);
    await shot(env, '13-imports');
  }],

  ['the console is usable on a tablet', async (env) => {
    const { page, base } = env;
    await page.setViewportSize({ width: 1024, height: 768 });
    await login(env, 'demo-warehouse');
    await page.goto(`${base}/warehouse`);
    await page.locator('[data-test=bench]').waitFor();
    await shot(env, '14-warehouse-tablet');
    await page.setViewportSize({ width: 1366, height: 768 });
  }],

  ['a session ended by an administrator is shown plainly', async (env) => {
    const { page, base, state } = env;
    await login(env, 'demo-purchasing');
    assert.equal((await state.admin.post('/users/demo-purchasing/disable')).status, 200);
    try {
      await page.locator('[data-menu=orders]').click();
      await page.locator('[data-test=login-notice]').waitFor();
      assert.match(await page.locator('[data-test=login-notice]').innerText(), /登录已失效/);
      await shot(env, '15-session-ended');
    } finally {
      assert.equal((await state.admin.post('/users/demo-purchasing/enable')).status, 200);
    }
  }],

  ['the API documentation at /docs lists the operations', async (env) => {
    const { page, base } = env;
    await page.goto(`${base}/docs`);
    // Swagger UI reads /api/v1/openapi.json and lists one section per tag, closed.
    await page.locator('#operations-tag-Orders').waitFor();
    const tags = await page.locator('.opblock-tag').evaluateAll((t) => t.map((e) => e.getAttribute('data-tag')));
    for (const tag of ['Orders', 'Payments', 'Review', 'Inventory', 'Fulfillment', 'After-sales']) {
      assert.ok(tags.includes(tag), `tag ${tag} in ${tags}`);
    }
    await page.locator('#operations-tag-Orders').click();
    const place = page.locator('#operations-Orders-placeOrder');
    await place.waitFor();
    assert.match(await place.locator('.opblock-summary-operation-id').innerText(), /placeOrder/);
    assert.ok(await page.locator('#operations-Orders-cancelOrder').isVisible());
    assert.ok(await page.locator('.opblock-tag-section.is-open .opblock').count() > 5);
    await shot(env, '16-api-docs');
  }],

  ['a session ended by logging out is shown plainly', async (env) => {
    const { page, base } = env;
    await login(env, 'demo-ops');
    await page.locator('[data-test=logout]').click();
    await page.locator('[data-test=login-notice]').waitFor();
    await page.goto(`${base}/orders`);
    await page.waitForURL(/\/login/);
  }],
];
