import { Module } from '@nestjs/common';
import { CourseModule } from '../course/course.module';
import { StoreModule } from '../store/store.module';
import { CoverageController } from './coverage.controller';
import { CoverageRepository } from './coverage.repository';
import { CoverageService } from './coverage.service';

@Module({
  imports: [CourseModule, StoreModule],
  controllers: [CoverageController],
  providers: [CoverageService, CoverageRepository],
  exports: [CoverageService],
})
export class CoverageModule {}
