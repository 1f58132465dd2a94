// The floor of the crm purchase bench (bench/support/validation-floor.ts), validating with the crm
// service's own DTO.
import { CreatePurchaseDto } from '../../../services/crm/src/purchase/dto/create-purchase.dto';
import { serveValidationFloor } from '../../support/validation-floor';

serveValidationFloor('purchases', CreatePurchaseDto);
