import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { RepairModule } from '../repairs/repair.module';
import { PublicPolicyController } from './public-policy.controller';

@Module({ imports: [PolicyModule, RepairModule], controllers: [PublicPolicyController] })
export class PublicationModule {}
