import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CategoryEntity } from '../policy/policy.entity';
import { PolicyService } from '../policy/policy.service';
import { CategoryParams, CategoryView, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';

/** The complaint taxonomy. No delete: complaints keep their category, so a category is retired with active=false. */
@AdminController('policies/categories')
export class CategoriesController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: 'Every category, active or not, by code' })
  @ApiOkResponse({ type: [CategoryView] })
  list(): Promise<CategoryEntity[]> {
    return this.policies.listCategories();
  }

  @Post()
  @ApiOperation({ summary: 'Add a category' })
  @ApiCreatedResponse({ type: CategoryView })
  @ApiProblem(409, 'The code is taken (CATEGORY_EXISTS)')
  @ApiProblem(422, 'The parent does not exist (CATEGORY_PARENT_NOT_FOUND)')
  create(@Body() dto: CreateCategoryDto, @CurrentPrincipal() who: Principal): Promise<CategoryEntity> {
    return this.policies.createCategory(dto, who);
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Change name, parent, major, department or active (absent fields are kept)' })
  @ApiOkResponse({ type: CategoryView })
  @ApiProblem(404, 'No such category (CATEGORY_NOT_FOUND)')
  @ApiProblem(409, 'The new parent is the category itself or below it (CATEGORY_CYCLE)')
  @ApiProblem(422, 'The parent does not exist (CATEGORY_PARENT_NOT_FOUND)')
  update(
    @Param() params: CategoryParams,
    @Body() dto: UpdateCategoryDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CategoryEntity> {
    return this.policies.updateCategory(params.code, dto, who);
  }
}
