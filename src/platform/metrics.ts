import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per Beian instance, so tests can build several apps in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'beian_http_request_duration_seconds',
      help: 'API request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    timersFired: new Counter({
      name: 'beian_timers_fired_total',
      help: 'Timers handled',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    calendarCoveredUntil: new Gauge({
      name: 'workcal_covered_until_year',
      help: 'Last year the working-day calendar has data for',
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
