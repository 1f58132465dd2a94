import { AdminController, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PolicyService } from '../policy/policy.service';
import {
  CategoryPolicyView,
  ClassTermView,
  StoreZoneView,
  toCategoryPolicyView,
  toClassTermView,
  toStoreZoneView,
  WarrantyPolicyView,
} from './admin.view';
import {
  CategoryParams,
  SetCategoryPolicyDto,
  SetClassTermDto,
  SetStoreZoneDto,
  StoreParams,
  WarrantyClassParams,
} from './dto/policy.dto';

/** Warranty terms, special return categories and store zones. A change applies to purchases registered after it. */
@AdminController('policies')
export class WarrantyPolicyController {
  constructor(private readonly policies: PolicyService) {}

  @Get('warranty')
  @ApiOperation({ summary: 'Warranty terms by class and category, and store time zones' })
  @ApiOkResponse({ type: WarrantyPolicyView })
  async get(): Promise<WarrantyPolicyView> {
    const { classes, categories, stores } = await this.policies.all();
    return {
      classes: classes.map(toClassTermView),
      categories: categories.map(toCategoryPolicyView),
      stores: stores.map(toStoreZoneView),
    };
  }

  @Put('terms/:code')
  @ApiOperation({ summary: "Set a product class's warranty term (new purchases only)" })
  @ApiOkResponse({ type: ClassTermView })
  async setClass(
    @Param() params: WarrantyClassParams,
    @Body() dto: SetClassTermDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<ClassTermView> {
    return toClassTermView(await this.policies.setClassTerm(params.code, dto.months, who));
  }

  @Put('categories/:code')
  @ApiOperation({ summary: "Set a category's own warranty term and whether its returns get 15 days" })
  @ApiOkResponse({ type: CategoryPolicyView })
  async setCategory(
    @Param() params: CategoryParams,
    @Body() dto: SetCategoryPolicyDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CategoryPolicyView> {
    return toCategoryPolicyView(await this.policies.setCategory(params.code, dto, who));
  }

  @Put('stores/:storeId')
  @ApiOperation({
    summary: "Set a store's time zone (return windows and warranty ends count its local days)",
  })
  @ApiOkResponse({ type: StoreZoneView })
  async setStore(
    @Param() params: StoreParams,
    @Body() dto: SetStoreZoneDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<StoreZoneView> {
    return toStoreZoneView(await this.policies.setStoreZone(params.storeId, dto.timeZone, who));
  }
}
