import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FilingDraft } from '../../../../src/modules/rules/draft.ts';
import type { Violation } from '../../../../src/modules/rules/violation.ts';
import { api, isProblem } from '../../app/api.ts';
import { keys } from '../queries.ts';
import type { SaveDraftResult } from '../types.ts';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

const AUTOSAVE_MS = 1200;

/**
 * Saving the draft: debounced autosave while the customer types, an explicit save, and a flush before submit.
 * Saves are serialised (one PUT at a time, each with the version the previous one returned), so optimistic
 * concurrency only trips when the order really changed elsewhere — then the page says so instead of overwriting.
 */
export function useDraftEditor(orderId: string, initialVersion: number, enabled: boolean) {
  const qc = useQueryClient();
  const versionRef = useRef(initialVersion);
  const pending = useRef<FilingDraft | null>(null);
  const inflight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [state, setState] = useState<SaveState>('saved');
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [serverViolations, setServerViolations] = useState<Violation[] | null>(null);

  useEffect(() => {
    versionRef.current = initialVersion;
  }, [initialVersion]);

  const runSave = useCallback(
    async (draft: FilingDraft) => {
      setState('saving');
      try {
        const r = await api<SaveDraftResult>('PUT', `/api/v1/orders/${encodeURIComponent(orderId)}/draft`, {
          version: versionRef.current,
          draft,
        });
        versionRef.current = r.version;
        setServerViolations(r.check.violations);
        setSavedAt(Date.now());
        setError(null);
        setState(pending.current ? 'dirty' : 'saved');
      } catch (err) {
        // keep the unsaved draft for the next attempt unless something newer replaced it
        pending.current ??= draft;
        setError(err);
        setState(isProblem(err, 'STALE_VERSION') ? 'conflict' : 'error');
        throw err;
      }
    },
    [orderId],
  );

  /** Saves whatever is pending now; resolves with the order's version afterwards. */
  const flush = useCallback(async (): Promise<number> => {
    clearTimeout(timer.current);
    while (inflight.current !== null) await inflight.current.catch(() => {});
    const draft = pending.current;
    if (!draft || !enabled) return versionRef.current;
    pending.current = null;
    const p = runSave(draft);
    inflight.current = p;
    try {
      await p;
    } finally {
      inflight.current = null;
    }
    void qc.invalidateQueries({ queryKey: keys.order(orderId) });
    return versionRef.current;
  }, [enabled, orderId, qc, runSave]);

  const schedule = useCallback(
    (draft: FilingDraft) => {
      if (!enabled) return;
      pending.current = draft;
      setState('dirty');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void flush().catch(() => {});
      }, AUTOSAVE_MS);
    },
    [enabled, flush],
  );

  /** After a reload from the server (conflict resolution, an upload that changed the draft): adopt its version. */
  const adopt = useCallback((version: number) => {
    clearTimeout(timer.current);
    pending.current = null;
    versionRef.current = version;
    setError(null);
    setState('saved');
  }, []);

  // leaving the page with unsaved changes: save them, and let the browser warn on a hard unload
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (pending.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (pending.current) void flush().catch(() => {});
    };
  }, [flush]);

  return {
    state,
    savedAt,
    /** Changes wait for the next autosave. */
    hasPending: () => pending.current !== null,
    error,
    serverViolations,
    schedule,
    flush,
    adopt,
    version: () => versionRef.current,
  };
}
