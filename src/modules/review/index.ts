import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import type { Database } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/app.ts';
import type { CheckFactsDeps } from '../filings/check-facts.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import type { Notifications } from '../notifications/index.ts';
import { registerAdminRoutes } from './admin.routes.ts';
import { type CalendarHolder, createCalendarAdmin } from './calendar-admin.ts';
import { createDashboardService } from './dashboard.service.ts';
import { createProviderConfigStore } from './provider-config.store.ts';
import { defaultProviderConfig } from './provider-config.ts';
import type { ProvinceOverrideStore } from './province-overrides.ts';
import { registerReviewRoutes } from './review.routes.ts';
import { createReviewService } from './review.service.ts';

export { loadWorkCalendar, refreshableCalendar } from './calendar-admin.ts';
export { createProvinceOverrideStore } from './province-overrides.ts';

/**
 * The review back office (issue 8): queues, the review page, confirmation calls, guarded decisions, the dashboard,
 * and provider administration. The calendar holder and the province-override store are built before the orders
 * service (its clock and checker read through them) and handed in here.
 */
export function createReviewModule(deps: {
  database: Database;
  clock: Clock;
  config: Config;
  pii: PiiCrypto;
  orders: OrdersService;
  calendar: CalendarHolder;
  provinceRules: ProvinceOverrideStore;
  /** The notifications module's message to a person (R-NTF-008: the SMS after a missed confirmation call). */
  notifyPerson: Notifications['notifyPerson'];
  onCalendarRebuilt?: (calendar: WorkCalendar) => void | Promise<void>;
  /** The platform's facts for the reviewer's checklist (the same the submit check uses). */
  checkFacts?: CheckFactsDeps;
}) {
  const providerConfig = createProviderConfigStore({
    database: deps.database,
    defaults: defaultProviderConfig({
      legalName: deps.config.BEIAN_PROVIDER_NAME,
      hotline: deps.config.BEIAN_PROVIDER_HOTLINE,
    }),
  });
  const calendarAdmin = createCalendarAdmin({
    database: deps.database,
    holder: deps.calendar,
    onRebuilt: deps.onCalendarRebuilt,
  });
  const review = createReviewService({
    database: deps.database,
    clock: deps.clock,
    calendar: deps.calendar.calendar,
    pii: deps.pii,
    orders: deps.orders,
    provinceRules: deps.provinceRules,
    providerConfig: providerConfig.get,
    notifyPerson: deps.notifyPerson,
    checkFacts: deps.checkFacts,
  });
  const dashboard = createDashboardService({
    database: deps.database,
    clock: deps.clock,
    calendar: deps.calendar.calendar,
  });

  /**
   * Re-reads the overrides and the calendar from the database: after a change made by another process (several
   * nodes on PostgreSQL), or on a timer.
   */
  async function refresh() {
    await deps.provinceRules.reload();
    await calendarAdmin.rebuild();
  }

  function register(app: App) {
    registerReviewRoutes(app, { review, dashboard });
    registerAdminRoutes(app, {
      clock: deps.clock,
      provinceRules: deps.provinceRules,
      calendarAdmin,
      providerConfig,
    });
  }

  return { review, dashboard, calendarAdmin, providerConfig, refresh, register };
}

export type ReviewModule = ReturnType<typeof createReviewModule>;
