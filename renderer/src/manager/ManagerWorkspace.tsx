import { Tabs } from '@mantine/core';
import { AuditPage } from './audit/AuditPage';
import { PendingPage } from './pending/PendingPage';
import { PolicyPage } from './policy/PolicyPage';
import { ReportsPage } from './reports/ReportsPage';
import { StaffPage } from './staff/StaffPage';

/** The office manager's pages, one tab each; only shown to managers (the core enforces it too). */
export function ManagerWorkspace() {
  return (
    <Tabs defaultValue="pending" keepMounted={false} aria-label="Manager workspace">
      <Tabs.List mb="md">
        <Tabs.Tab value="pending">Pending</Tabs.Tab>
        <Tabs.Tab value="policy">Financial policy</Tabs.Tab>
        <Tabs.Tab value="reports">Reports</Tabs.Tab>
        <Tabs.Tab value="audit">Audit trail</Tabs.Tab>
        <Tabs.Tab value="staff">Staff</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="pending">
        <PendingPage />
      </Tabs.Panel>
      <Tabs.Panel value="policy">
        <PolicyPage />
      </Tabs.Panel>
      <Tabs.Panel value="reports">
        <ReportsPage />
      </Tabs.Panel>
      <Tabs.Panel value="audit">
        <AuditPage />
      </Tabs.Panel>
      <Tabs.Panel value="staff">
        <StaffPage />
      </Tabs.Panel>
    </Tabs>
  );
}
