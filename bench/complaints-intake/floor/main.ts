// The floor of the intake bench (bench/support/validation-floor.ts), validating with the same
// class-validator rules as the baseline.
import 'reflect-metadata';
import { CreateComplaintDto } from '../baseline/create-complaint.dto';
import { serveValidationFloor } from '../../support/validation-floor';

serveValidationFloor('complaints', CreateComplaintDto);
