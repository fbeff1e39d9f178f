import { useQuery } from '@tanstack/react-query';
import { beijingDate } from '../../../src/modules/calendar/civil-date.ts';
import { createWorkCalendar } from '../../../src/modules/calendar/vendored.ts';
import type { WorkCalendar } from '../../../src/modules/calendar/work-calendar.ts';
import { api } from './api.ts';

interface ClockView {
  now: string;
  adjustable: boolean;
}

/**
 * "Today in Beijing" as the platform sees it. In demo mode the platform clock can be moved forward, so the browser
 * must not trust its own clock: rule checks (certificate expiry, server expiry) and deadlines would disagree with the
 * server's. The offset is measured once and refreshed every minute.
 */
export function usePlatformClock() {
  const q = useQuery({
    queryKey: ['clock'],
    queryFn: async () => {
      const sent = Date.now();
      const r = await api<ClockView>('GET', '/api/v1/clock');
      const received = Date.now();
      return { offsetMs: Date.parse(r.now) - (sent + received) / 2, adjustable: r.adjustable };
    },
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
  const offset = q.data?.offsetMs ?? 0;
  const now = new Date(Date.now() + offset);
  return {
    ready: q.isSuccess,
    adjustable: q.data?.adjustable ?? false,
    now,
    nowIso: now.toISOString(),
    today: beijingDate(now),
  };
}

let calendar: WorkCalendar | undefined;
/**
 * The working-day calendar over the vendored holiday notices (R-ORD-035). Admin overrides live in the database and
 * are not published to the browser yet, so a date shown here can differ from the server's timers after an override.
 */
export function workCalendar(): WorkCalendar {
  calendar ??= createWorkCalendar();
  return calendar;
}

/** 'YYYY-MM-DD HH:mm' in Beijing time. */
export function beijingDateTimeText(ms: number | null | undefined): string {
  if (typeof ms !== 'number') return '';
  const d = new Date(ms + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
