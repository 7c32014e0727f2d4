// Short-lived confirmations ("Segment saved") announced to screen readers.
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';

interface Toast {
  id: number;
  text: string;
  tone: 'ok' | 'danger';
}
const ToastContext = createContext<(text: string, tone?: Toast['tone']) => void>(() => {});

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((text: string, tone: Toast['tone'] = 'ok') => {
    const id = nextId++;
    setToasts((all) => [...all, { id, text, tone }]);
    setTimeout(() => setToasts((all) => all.filter((t) => t.id !== id)), 4000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.tone === 'danger' ? 'danger' : ''}`}>
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);

/** After a change: refetch the queries it touched (e.g. a tRPC `pathKey()`), then confirm it in words. */
export function useRefreshThenToast() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return async (queryKey: QueryKey, text: string) => {
    await queryClient.invalidateQueries({ queryKey });
    toast(text);
  };
}
