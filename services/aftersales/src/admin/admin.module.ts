import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { WarrantyPolicyController } from './warranty-policy.controller';

@Module({ imports: [PolicyModule], controllers: [WarrantyPolicyController] })
export class AdminModule {}
