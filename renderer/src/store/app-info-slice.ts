import type { AppInfo } from '../../../shared/contract';
import { errorMessage } from './errors';
import type { SliceCreator } from './types';

export interface AppInfoSlice {
  appInfo: AppInfo | null;
  appInfoError: string | null;
  loadAppInfo(): Promise<void>;
}

export const createAppInfoSlice: SliceCreator<AppInfoSlice> = (deps) => (set) => ({
  appInfo: null,
  appInfoError: null,
  async loadAppInfo() {
    try {
      const appInfo = await deps.api('getAppInfo', {});
      set({ appInfo, appInfoError: null });
    } catch (error) {
      set({ appInfoError: errorMessage(error) });
    }
  },
});
