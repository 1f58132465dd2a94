import { Module } from '@nestjs/common';
import { PolicyCache } from './policy.cache';
import { PolicyRepository } from './policy.repository';
import { PolicyService } from './policy.service';

@Module({ providers: [PolicyService, PolicyRepository, PolicyCache], exports: [PolicyService] })
export class PolicyModule {}
