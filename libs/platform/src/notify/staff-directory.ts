import type { ModuleRef } from '@nestjs/core';
import {
  CheckStaffReplyV1,
  ContactPurpose,
  GetCustomerContactReplyV1,
  GetStaffContactReplyV1,
  StaffContactPurpose,
  Subjects,
} from '@cx/contracts';
import { RpcError } from '../http/errors';
import { RpcClient } from '../messaging/rpc.client';

/** An employee's work contact for one send. PERSONAL DATA: used for the send, never stored or logged. */
export interface StaffContact {
  workEmail?: string;
  active: boolean;
  language?: string;
}

/**
 * Where a service finds a member of staff's work contact. The platform asks training
 * (`rpc.training.get-staff-contact.v1`); training, which keeps the staff directory, provides its own
 * (a service does not call itself over NATS).
 */
export abstract class StaffDirectory {
  /** null: no such employee. */
  abstract contact(employeeId: string, purpose: StaffContactPurpose): Promise<StaffContact | null>;

  /**
   * Which of `employeeIds` exist, each with whether they still work here (absent: unknown). No
   * personal data, so nothing to audit: for checking the numbers a lead lists in a group.
   */
  abstract known(employeeIds: string[]): Promise<Map<string, boolean>>;
}

/** The service's own staff directory when it has one (training), else training's over NATS. */
export function staffDirectoryOf(moduleRef: ModuleRef, rpc: RpcClient): StaffDirectory {
  try {
    return moduleRef.get(StaffDirectory, { strict: false });
  } catch {
    return new RpcStaffDirectory(rpc);
  }
}

export class RpcStaffDirectory extends StaffDirectory {
  constructor(private readonly rpc: RpcClient) {
    super();
  }

  async contact(employeeId: string, purpose: StaffContactPurpose): Promise<StaffContact | null> {
    try {
      return await this.rpc.request<GetStaffContactReplyV1>(Subjects.training.getStaffContact, {
        employeeId,
        purpose,
      });
    } catch (e) {
      if (e instanceof RpcError && e.remoteCode === 'EMPLOYEE_NOT_FOUND') return null;
      throw e;
    }
  }

  async known(employeeIds: string[]): Promise<Map<string, boolean>> {
    const reply = await this.rpc.request<CheckStaffReplyV1>(Subjects.training.checkStaff, { employeeIds });
    return new Map(reply.known.map((k) => [k.employeeId, k.active]));
  }
}

/**
 * Where a service finds a customer's contact for one purpose: crm's `rpc.crm.get-customer-contact.v1`;
 * crm, which keeps the customers, provides its own (a service does not call itself over NATS).
 */
export abstract class CustomerDirectory {
  /** null: no such customer, or one erased (nothing to write to, for good). */
  abstract contact(customerId: string, purpose: ContactPurpose): Promise<GetCustomerContactReplyV1 | null>;
}

export class RpcCustomerDirectory extends CustomerDirectory {
  constructor(private readonly rpc: RpcClient) {
    super();
  }

  async contact(customerId: string, purpose: ContactPurpose): Promise<GetCustomerContactReplyV1 | null> {
    try {
      return await this.rpc.request<GetCustomerContactReplyV1>(Subjects.crm.getCustomerContact, {
        customerId,
        purpose,
      });
    } catch (e) {
      if (
        e instanceof RpcError &&
        (e.remoteCode === 'CUSTOMER_NOT_FOUND' || e.remoteCode === 'CUSTOMER_ERASED')
      )
        return null;
      throw e;
    }
  }
}
