import { Module } from '@nestjs/common';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

@Module({
  controllers: [OrganizationsController, PeopleController],
  providers: [OrganizationsService, PeopleService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
