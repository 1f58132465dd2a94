import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PolicyService } from '../policy/policy.service';
import { CategoryView, toCategoryView } from './admin.view';
import { CategoryParams, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';

/** The complaint taxonomy. No delete: complaints keep their category, so a category is retired with active=false. */
@AdminController('policies/categories')
export class CategoriesController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: 'Every category, active or not, by code' })
  @ApiOkResponse({ type: [CategoryView] })
  async list(): Promise<CategoryView[]> {
    return (await this.policies.listCategories()).map(toCategoryView);
  }

  @Post()
  @ApiOperation({ summary: 'Add a category' })
  @ApiCreatedResponse({ type: CategoryView })
  @ApiProblem(409, 'The code is taken (CATEGORY_EXISTS)')
  @ApiProblem(422, 'The parent does not exist (CATEGORY_PARENT_NOT_FOUND)')
  async create(@Body() dto: CreateCategoryDto, @CurrentPrincipal() who: Principal): Promise<CategoryView> {
    return toCategoryView(await this.policies.createCategory(dto, who));
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Change name, parent, major, department or active (absent fields are kept)' })
  @ApiOkResponse({ type: CategoryView })
  @ApiProblem(404, 'No such category (CATEGORY_NOT_FOUND)')
  @ApiProblem(409, 'The new parent is the category itself or below it (CATEGORY_CYCLE)')
  @ApiProblem(422, 'The parent does not exist (CATEGORY_PARENT_NOT_FOUND)')
  async update(
    @Param() params: CategoryParams,
    @Body() dto: UpdateCategoryDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CategoryView> {
    return toCategoryView(await this.policies.updateCategory(params.code, dto, who));
  }
}
