import type { SliceCreator } from './types';

export type Workspace = 'desk' | 'manager';

export interface WorkspaceSlice {
  /** Which screen is showing: the check-in desk or the manager workspace. */
  workspace: Workspace;
  showWorkspace(workspace: Workspace): void;
  /** From a manager page: back to the desk with this patient open. */
  openPatientAtDesk(patientId: number): Promise<void>;
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = () => (set, get) => ({
  workspace: 'desk',
  showWorkspace(workspace) {
    set({ workspace });
  },
  async openPatientAtDesk(patientId) {
    set({ workspace: 'desk' });
    await get().openPatient(patientId);
  },
});
