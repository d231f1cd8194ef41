// History-mode routes; each page is its own lazily loaded chunk. A route's meta.permission
// names what the server requires for the page's main read: without it the page shows 403.
import { createRouter, createWebHistory } from 'vue-router';
import { session, loadSession, can } from './lib/session.js';
import Layout from './components/Layout.vue';

export const menu = [
  { path: '/dashboard', name: 'dashboard', icon: 'Odometer', permission: 'dashboard:read', component: () => import('./pages/Dashboard.vue') },
  { path: '/orders', name: 'orders', icon: 'List', permission: 'orders:read', component: () => import('./pages/Orders.vue') },
  { path: '/review', name: 'review', icon: 'Checked', permission: 'orders:review', component: () => import('./pages/Review.vue') },
  { path: '/anomalies', name: 'anomalies', icon: 'WarningFilled', permission: 'anomalies:read', component: () => import('./pages/Anomalies.vue') },
  { path: '/imports', name: 'imports', icon: 'Upload', permission: 'orders:import', component: () => import('./pages/Imports.vue') },
  { path: '/inventory', name: 'inventory', icon: 'Box', permission: 'stock:read', component: () => import('./pages/Inventory.vue') },
  { path: '/warehouse', name: 'warehouse', icon: 'Van', permission: 'waves:read', component: () => import('./pages/Warehouse.vue') },
  { path: '/after-sales', name: 'afterSales', icon: 'Service', permission: 'aftersales:read', component: () => import('./pages/AfterSales.vue') },
  { path: '/finance', name: 'finance', icon: 'Wallet', permission: ['finance:read', 'refunds:execute'], component: () => import('./pages/Finance.vue') },
  { path: '/customers', name: 'customers', icon: 'User', permission: 'customers:read', component: () => import('./pages/Customers.vue') },
  { path: '/supervision', name: 'supervision', icon: 'TrendCharts', permission: ['kpis:read', 'violations:read'], component: () => import('./pages/Supervision.vue') },
  { path: '/reports', name: 'reports', icon: 'DataAnalysis', permission: 'reports:read', component: () => import('./pages/Reports.vue') },
  { path: '/system', name: 'system', icon: 'Setting', permission: ['users:read', 'audit:read', 'settings:write', 'carriers:write', 'backups:read'], component: () => import('./pages/System.vue') },
];

const routes = [
  { path: '/login', name: 'login', component: () => import('./pages/Login.vue'), meta: { public: true } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', redirect: () => firstAllowed() },
      ...menu.map((m) => ({ path: m.path.slice(1), name: m.name, component: m.component, meta: { permission: m.permission } })),
      { path: 'orders/:orderNo', name: 'orderDetail', component: () => import('./pages/OrderDetail.vue'), meta: { permission: 'orders:read' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./pages/Forbidden.vue') },
      { path: ':rest(.*)*', name: 'notFound', component: () => import('./pages/NotFound.vue') },
    ],
  },
];

export function firstAllowed() {
  const item = menu.find((m) => can(m.permission));
  return item ? item.path : '/forbidden';
}

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.loaded) {
    await loadSession();
  }
  if (to.meta.public) {
    return true;
  }
  if (!session.user) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (to.meta.permission && !can(to.meta.permission)) {
    return { name: 'forbidden', query: { from: to.fullPath } };
  }
  return true;
});
